using HistoryBot.Core.Semantic;

namespace HistoryBot.Tests.Semantic;

public sealed class EmbeddingStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(nameof(VectorEncoding.Float32), 1.0)]
    [InlineData(nameof(VectorEncoding.Float16), 0.99999)]
    [InlineData(nameof(VectorEncoding.Int8), 0.999)]
    public void TryLoad_AfterSave_RoundTripsKeysAndVectors(string encodingName, double minCosine)
    {
        var encoding = Enum.Parse<VectorEncoding>(encodingName);
        var store = SemanticTestData.Store();
        store.Save(_folder.Path, encoding);

        var loaded = EmbeddingStore.TryLoad(_folder.Path, store.ModelId, store.Dimensions, store.Fingerprint);

        Assert.NotNull(loaded);
        Assert.Equal(store.ModelId, loaded.ModelId);
        Assert.Equal(store.Fingerprint, loaded.Fingerprint);
        Assert.Equal(store.PassageCount, loaded.PassageCount);
        Assert.Equal(store.SentenceCount, loaded.SentenceCount);
        Assert.Equal(store.Documents.Select(d => (d.DocumentId, d.ContentHash)), loaded.Documents.Select(d => (d.DocumentId, d.ContentHash)));
        foreach (var (expected, actual) in store.Documents.Zip(loaded.Documents))
        {
            Assert.Equal(expected.Passages.Select(p => (p.PassageId, p.Sentences.Count)), actual.Passages.Select(p => (p.PassageId, p.Sentences.Count)));
            foreach (var (p, q) in expected.Passages.Zip(actual.Passages))
            {
                Assert.True(SemanticTestData.Cosine(p.Vector, q.Vector) >= minCosine - 1e-6);
                Assert.All(p.Sentences.Zip(q.Sentences), s => Assert.True(SemanticTestData.Cosine(s.First, s.Second) >= minCosine - 1e-6));
            }
        }
    }

    [Fact]
    public void TryLoad_Float32_VectorsExactlyEqual()
    {
        var store = SemanticTestData.Store();
        store.Save(_folder.Path, VectorEncoding.Float32);

        var loaded = EmbeddingStore.TryLoad(_folder.Path, store.ModelId, store.Dimensions, store.Fingerprint)!;

        Assert.Equal(store.Documents[0].Passages[0].Sentences[1].ToArray(), loaded.Documents[0].Passages[0].Sentences[1].ToArray());
    }

    [Fact]
    public void TryLoad_OtherFingerprint_ReturnsNull()
    {
        var store = SemanticTestData.Store("fp-1");
        store.Save(_folder.Path);

        Assert.Null(EmbeddingStore.TryLoad(_folder.Path, store.ModelId, store.Dimensions, "fp-2"));
    }

    [Fact]
    public void TryLoad_NullFingerprint_ReturnsStoreOfAnyFingerprint()
    {
        var store = SemanticTestData.Store("fp-1");
        store.Save(_folder.Path);

        Assert.Equal("fp-1", EmbeddingStore.TryLoad(_folder.Path, store.ModelId, store.Dimensions, fingerprint: null)?.Fingerprint);
    }

    [Fact]
    public void TryLoad_OtherDimensions_ReturnsNull()
    {
        var store = SemanticTestData.Store();
        store.Save(_folder.Path);

        Assert.Null(EmbeddingStore.TryLoad(_folder.Path, store.ModelId, 32, store.Fingerprint));
    }

    [Fact]
    public void TryLoad_OtherModelVersionSameFileName_ReturnsNull()
    {
        var store = SemanticTestData.Store(modelId: "fake@1");
        store.Save(_folder.Path);

        Assert.Equal(EmbeddingStore.PathFor(_folder.Path, "fake@1"), EmbeddingStore.PathFor(_folder.Path, "fake@2"));
        Assert.Null(EmbeddingStore.TryLoad(_folder.Path, "fake@2", store.Dimensions, store.Fingerprint));
    }

    [Fact]
    public void TryLoad_MissingFile_ReturnsNull() =>
        Assert.Null(EmbeddingStore.TryLoad(_folder.Path, "fake@1", 16, "fp-1"));

    [Fact]
    public void TryLoad_TruncatedFileAtEveryLength_ReturnsNull()
    {
        var store = SemanticTestData.Store();
        var path = store.Save(_folder.Path);
        var bytes = File.ReadAllBytes(path);

        for (var length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(path, bytes[..length]);
            Assert.Null(EmbeddingStore.TryLoad(_folder.Path, store.ModelId, store.Dimensions, store.Fingerprint));
        }
    }

    [Fact]
    public void TryLoad_AnyByteFlipped_ReturnsNull()
    {
        var store = SemanticTestData.Store();
        var path = store.Save(_folder.Path);
        var bytes = File.ReadAllBytes(path);

        foreach (var mask in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var corrupt = (byte[])bytes.Clone();
                corrupt[i] ^= mask;
                File.WriteAllBytes(path, corrupt);
                Assert.Null(EmbeddingStore.TryLoad(_folder.Path, store.ModelId, store.Dimensions, store.Fingerprint));
            }
        }
    }

    [Fact]
    public void TryLoad_Garbage_ReturnsNull()
    {
        File.WriteAllText(EmbeddingStore.PathFor(_folder.Path, "fake@1"), "not a store at all, but long enough to have a trailer");

        Assert.Null(EmbeddingStore.TryLoad(_folder.Path, "fake@1", 16, "fp-1"));
    }

    [Fact]
    public void Save_ExistingFile_ReplacesItAndLeavesNoTempFile()
    {
        SemanticTestData.Store("fp-1").Save(_folder.Path);

        SemanticTestData.Store("fp-2").Save(_folder.Path);

        Assert.Equal("fp-2", EmbeddingStore.TryLoad(_folder.Path, "fake@1", 16, null)?.Fingerprint);
        Assert.Single(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Save_Int8_QuarterOfFloat32Size()
    {
        var store = SemanticTestData.Store(dimensions: 384);
        var int8 = new FileInfo(store.Save(Path.Combine(_folder.Path, "i"), VectorEncoding.Int8)).Length;
        var f32 = new FileInfo(store.Save(Path.Combine(_folder.Path, "f"), VectorEncoding.Float32)).Length;

        Assert.True(int8 < f32 * 0.3, $"int8 {int8} bytes, float32 {f32} bytes");
    }

    [Fact]
    public void Sentences_TopK_FindsSentenceByItsOwnVector()
    {
        var embedder = new FakeEmbedder();
        var store = SemanticTestData.Store();

        var hits = store.Sentences.TopK(embedder.VectorOf("Title of a.txt: Alpha two."), 1);

        Assert.Equal(new EmbeddingKey("a.txt", "a.txt#0", 1), hits[0].Key);
        Assert.Equal(1f, hits[0].Score, 4);
        Assert.Equal(4, store.Sentences.Count);
    }

    [Fact]
    public void Passages_TopK_KeysArePassagesWithSentenceIndexMinusOne()
    {
        var store = SemanticTestData.Store();

        var hits = store.Passages.TopK(store.Documents[1].Passages[0].Vector.Span, 3);

        Assert.Equal(new EmbeddingKey("b.txt", "b.txt#0", -1), hits[0].Key);
        Assert.True(hits[0].Key.IsPassage);
        Assert.Equal(3, store.Passages.Count);
    }

    [Fact]
    public void Find_KnownAndUnknownDocument_ReturnsItOrNull()
    {
        var store = SemanticTestData.Store();

        Assert.Equal(2, store.Find("a.txt")?.Passages.Count);
        Assert.Empty(store.Find("empty.txt")!.Passages);
        Assert.Null(store.Find("nope.txt"));
    }
}
