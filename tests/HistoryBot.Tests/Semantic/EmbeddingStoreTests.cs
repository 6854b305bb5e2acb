using HistoryBot.Core.Semantic;

namespace HistoryBot.Tests.Semantic;

public sealed class EmbeddingStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TryLoad_AfterSave_MapsTheSameKeysAndVectors()
    {
        var store = SemanticTestData.Store();
        store.Save(_folder.Path);

        var loaded = EmbeddingStore.TryLoad(_folder.Path, store.ModelId, store.Dimensions, store.Fingerprint);

        Assert.NotNull(loaded);
        Assert.False(store.IsMapped);
        Assert.True(loaded.IsMapped);
        Assert.Equal(store.ModelId, loaded.ModelId);
        Assert.Equal(store.Fingerprint, loaded.Fingerprint);
        Assert.Equal(store.SentenceCount, loaded.SentenceCount);
        Assert.Equal(store.Documents.Select(d => (d.DocumentId, d.ContentHash)), loaded.Documents.Select(d => (d.DocumentId, d.ContentHash)));
        Assert.Equal(store.Documents.SelectMany(d => d.Passages), loaded.Documents.SelectMany(d => d.Passages));
        var probe = new FakeEmbedder().VectorOf("probe");
        foreach (var passage in store.Documents.SelectMany(d => d.Passages))
        {
            for (var s = 0; s < passage.SentenceCount; s++)
            {
                Assert.Equal(store.SentenceSimilarity(probe, passage.PassageId, s), loaded.SentenceSimilarity(probe, passage.PassageId, s));
            }
        }
    }

    [Fact]
    public void SentenceSimilarity_Int8Store_CloseToTheEmbeddedVectorsCosine()
    {
        var embedder = new FakeEmbedder(dimensions: 384);
        var store = SemanticTestData.Store(dimensions: 384);
        var probe = embedder.VectorOf("probe");

        var similarity = store.SentenceSimilarity(probe, "a.txt#0", 1);

        var exact = SemanticTestData.Cosine(probe, embedder.VectorOf("Title of a.txt: Alpha two."));
        Assert.NotNull(similarity);
        Assert.Equal(exact, similarity.Value, tolerance: 0.01);
    }

    [Fact]
    public void SentenceSimilarity_UnknownPassageOrSentence_IsNull()
    {
        var store = SemanticTestData.Store();
        var probe = new FakeEmbedder().VectorOf("probe");

        Assert.Null(store.SentenceSimilarity(probe, "nope#0", 0));
        Assert.Null(store.SentenceSimilarity(probe, "a.txt#0", 2));
        Assert.Null(store.SentenceSimilarity(probe, "a.txt#0", -1));
    }

    [Fact]
    public void TryLoad_Version1File_ReadsItsSentenceVectorsIntoMemoryAsOutdated()
    {
        var embedder = new FakeEmbedder();
        var store = SemanticTestData.Store();
        File.WriteAllBytes(EmbeddingStore.PathFor(_folder.Path, store.ModelId), Version1File.Write(store, embedder));

        var loaded = EmbeddingStore.TryLoad(_folder.Path, store.ModelId, store.Dimensions, store.Fingerprint);

        Assert.NotNull(loaded);
        Assert.True(loaded.IsOutdatedFormat);
        Assert.False(loaded.IsMapped);
        Assert.Equal(store.Documents.SelectMany(d => d.Passages), loaded.Documents.SelectMany(d => d.Passages));
        var probe = embedder.VectorOf("probe");
        Assert.Equal(store.SentenceSimilarity(probe, "a.txt#1", 0)!.Value, loaded.SentenceSimilarity(probe, "a.txt#1", 0)!.Value, 5);
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
    public void Save_384Dimensions_AboutDimensionsPlusFourBytesPerSentence()
    {
        var store = SemanticTestData.Store(dimensions: 384);

        var bytes = new FileInfo(store.Save(_folder.Path)).Length;

        // The layout (ids and hashes) and the alignment take the rest: no passage vectors, no per-row scales.
        Assert.InRange(bytes, 4 * (384 + 4), (4 * (384 + 4)) + 600);
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
    public void Sentences_TopKWithFilter_FindsOnlySentencesOfIncludedDocuments()
    {
        var embedder = new FakeEmbedder();
        var store = SemanticTestData.Store();

        var hits = store.Sentences.TopK(embedder.VectorOf("Title of a.txt: Alpha two."), 10, include: key => key.DocumentId == "b.txt");

        Assert.Equal([new EmbeddingKey("b.txt", "b.txt#0", 0)], hits.Select(h => h.Key));
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
