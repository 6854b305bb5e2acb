using HistoryBot.Core.Semantic;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Semantic;

/// <summary>Embedding under the index's build lock, checkpointed so that an interrupted run resumes (issue 13).</summary>
public sealed class EmbeddingCheckpointTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ListLogger _logger = new();

    public void Dispose() => _folder.Dispose();

    private string Vectors => Path.Combine(_folder.Path, "vectors");

    private static IReadOnlyList<DocumentPassages> Corpus() =>
    [
        SemanticTestData.Document("a.txt", ["Alpha one.", "Alpha two."], ["Alpha three."]),
        SemanticTestData.Document("b.txt", ["Beta one.", "Beta two."], ["Beta three."]),
        SemanticTestData.Document("c.txt", ["Gamma one."]),
    ];

    private (EmbeddingStore Store, EmbeddingBuildReport Report) LoadOrBuild(ITextEmbedder embedder) =>
        EmbeddingStoreBuilder.LoadOrBuild(Vectors, embedder, "fp", Corpus, logger: _logger, lockDirectory: _folder.Path, checkpointInterval: 2);

    /// <summary>Embeds normally, then fails once <paramref name="failAfter"/> texts have been embedded: a kill part way.</summary>
    private sealed class FailingEmbedder(int failAfter) : ITextEmbedder
    {
        private readonly FakeEmbedder _inner = new();

        public string ModelId => _inner.ModelId;

        public int Dimensions => _inner.Dimensions;

        public float[][] EmbedPassages(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
        {
            if (_inner.TextsEmbedded + texts.Count > failAfter)
            {
                throw new IOException("injected failure part way through embedding");
            }

            return _inner.EmbedPassages(texts, progress, cancellationToken);
        }

        public float[] EmbedQuery(string question, CancellationToken cancellationToken = default) => _inner.EmbedQuery(question, cancellationToken);
    }

    [Fact]
    public void LoadOrBuild_InterruptedPartWay_ResumesAndEmbedsOnlyTheRest()
    {
        Assert.Throws<IOException>(() => LoadOrBuild(new FailingEmbedder(failAfter: 5)));
        var resumed = new FakeEmbedder();

        var (store, _) = LoadOrBuild(resumed);

        // 7 sentences: 4 were saved (two slices of 2) before the failure, so 3 remain.
        Assert.Equal(3, resumed.TextsEmbedded);
        var (fresh, _) = EmbeddingStoreBuilder.Build(new FakeEmbedder(), store.Fingerprint, Corpus());
        Assert.Equal(fresh.SentenceCount, store.SentenceCount);
        for (var r = 0; r < store.SentenceCount; r++)
        {
            Assert.Equal(fresh.Matrix.Row(r).ToArray(), store.Matrix.Row(r).ToArray());
        }

        Assert.Empty(Directory.GetFiles(Vectors, "*.partial"));
    }

    [Fact]
    public async Task LoadOrBuild_ThreeAtOnceOnAFreshFolder_EmbedTheCorpusOnce()
    {
        var embedder = new FakeEmbedder();

        var reports = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => LoadOrBuild(embedder).Report)));

        Assert.Equal(7, embedder.TextsEmbedded);
        Assert.Equal(2, reports.Count(r => r.Reused));
    }

    [Fact]
    public void LoadOrBuild_VectorFileCorrupted_ReembedsWithOneWarning()
    {
        var (original, _) = LoadOrBuild(new FakeEmbedder());
        var path = EmbeddingStore.PathFor(Vectors, original.ModelId);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 100] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var embedder = new FakeEmbedder();

        var (store, report) = LoadOrBuild(embedder);

        Assert.False(report.Reused);
        Assert.Equal(7, embedder.TextsEmbedded);
        Assert.Contains("damaged", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
        Assert.NotNull(EmbeddingStore.TryLoad(Vectors, store.ModelId, store.Dimensions, store.Fingerprint));
    }
}
