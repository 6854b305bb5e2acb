using System.Numerics.Tensors;
using HistoryBot.Embeddings;

namespace HistoryBot.Tests.Semantic;

public sealed class SentenceTransformerEmbedderTests(EmbedderFixture fixture) : IClassFixture<EmbedderFixture>
{
    private const string Question = "When did the first humans land on the Moon?";

    [Fact]
    public void EmbedPassages_ParaphrasePair_MoreSimilarThanUnrelatedPair()
    {
        var embedder = fixture.Arctic;
        var v = embedder.EmbedPassages(
        [
            "The army was defeated at the river crossing in 1812.",
            "In 1812 the troops suffered a defeat where they crossed the river.",
            "Preheat the oven and grease the baking tray before adding the dough.",
        ]);

        var paraphrase = TensorPrimitives.Dot(v[0], v[1]);
        var unrelated = TensorPrimitives.Dot(v[0], v[2]);
        Assert.True(paraphrase > unrelated + 0.1f, $"paraphrase {paraphrase}, unrelated {unrelated}");
    }

    [Fact]
    public void EmbedPassages_AnyTexts_ReturnsUnitVectorsOfDeclaredDimensions()
    {
        var embedder = fixture.Arctic;
        var v = embedder.EmbedPassages(["Short.", string.Empty, "A somewhat longer sentence about the steam engine."]);

        Assert.Equal(3, v.Length);
        Assert.All(v, x =>
        {
            Assert.Equal(embedder.Dimensions, x.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(x), 3);
        });
    }

    [Fact]
    public void EmbedPassages_TextsOfMixedLengthsInSeveralBatches_KeepsInputOrder()
    {
        using var embedder = new ArcticXsEmbedder(batchSize: 2);
        string[] texts =
        [
            "A very long sentence that talks at length about the geology of the Great Dividing Range in Victoria.",
            "Harvard.",
            "Steam engines drove the industrial revolution.",
            "Jacksonville is a city in Florida.",
            "Apollo 11 landed in 1969.",
        ];

        var batched = embedder.EmbedPassages(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = embedder.EmbedPassages([texts[i]])[0];
            Assert.True(TensorPrimitives.Dot(alone, batched[i]) > 0.999f, $"text {i} moved");
        }
    }

    [Fact]
    public void EmbedPassages_WithProgress_ReportsCumulativeCountsUpToTotal()
    {
        using var embedder = new ArcticXsEmbedder(batchSize: 2);
        var reports = new List<int>();

        embedder.EmbedPassages(["a", "b", "c", "d", "e"], new SyncProgress(reports.Add));

        // One report per batch; batches run in parallel, so a short last batch may finish before a full one.
        Assert.Equal(3, reports.Count);
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(5, reports[^1]);
    }

    [Fact]
    public void EmbedPassages_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => fixture.Arctic.EmbedPassages(["a"], cancellationToken: cts.Token));
    }

    [Fact]
    public void EmbedPassages_CancelledDuringARun_ThrowsOperationCanceled()
    {
        // One batch that takes seconds, so the cancellation lands inside ONNX Runtime's run (which then stops with an error
        // of its own): a reload cancelled at shutdown must not read as "embeddings unavailable".
        using var embedder = new ArcticXsEmbedder(batchSize: 2048);
        var texts = Enumerable.Range(0, 2048)
            .Select(i => $"Sentence {i}: the army of the republic marched north across the river while the senate debated the war taxes.")
            .ToArray();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(() => embedder.EmbedPassages(texts, cancellationToken: cts.Token));
    }

    [Fact]
    public void EmbedQuery_Arctic_AppliesRetrievalPrefix()
    {
        var embedder = fixture.Arctic;

        var query = embedder.EmbedQuery(Question);
        var prefixed = embedder.EmbedPassages([ArcticXsEmbedder.Prefix + Question])[0];
        var bare = embedder.EmbedPassages([Question])[0];

        Assert.True(TensorPrimitives.Dot(query, prefixed) > 0.9999f);
        Assert.True(TensorPrimitives.Dot(query, bare) < 0.99f);
    }

    [Fact]
    public void EmbedQuery_QuestionAndItsAnswerSentence_RanksAnswerAboveDistractor()
    {
        var embedder = fixture.Arctic;
        var passages = embedder.EmbedPassages(
        [
            "Apollo 11 made the first crewed landing on the Moon in July 1969.",
            "Harvard University was founded in 1636 in Cambridge, Massachusetts.",
        ]);

        var query = embedder.EmbedQuery(Question);

        Assert.True(TensorPrimitives.Dot(query, passages[0]) > TensorPrimitives.Dot(query, passages[1]));
    }

    [Fact]
    public void ModelId_ArcticXs_CarriesModelNamePackageVersionAndPrefixVersion()
    {
        Assert.StartsWith("snowflake-arctic-embed-xs@24.", fixture.Arctic.ModelId, StringComparison.Ordinal);
        Assert.EndsWith(";query-prefix-1", fixture.Arctic.ModelId, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbedQuery_ManyThreadsAtOnce_GivesSameVectorsAsSequential()
    {
        var embedder = fixture.Arctic;
        var expected = embedder.EmbedQuery(Question);
        var results = new float[8][];

        Parallel.For(0, results.Length, i => results[i] = embedder.EmbedQuery(Question));

        Assert.All(results, r => Assert.True(TensorPrimitives.Dot(expected, r) > 0.9999f));
    }

    [Fact]
    public void EnsureLoaded_NewEmbedder_LoadsLazily()
    {
        using var embedder = new ArcticXsEmbedder();
        Assert.False(embedder.IsLoaded);

        embedder.EnsureLoaded();

        Assert.True(embedder.IsLoaded);
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
