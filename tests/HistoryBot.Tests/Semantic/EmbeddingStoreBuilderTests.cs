using HistoryBot.Core.Semantic;

namespace HistoryBot.Tests.Semantic;

public sealed class EmbeddingStoreBuilderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static IReadOnlyList<DocumentPassages> Corpus(string bSentence = "Beta one.") =>
    [
        SemanticTestData.Document("a.txt", ["Alpha one.", "Alpha two."], ["Alpha three."]),
        SemanticTestData.Document("b.txt", [bSentence]),
    ];

    [Fact]
    public void Build_NoPrevious_EmbedsEverySentence()
    {
        var embedder = new FakeEmbedder();

        var (store, report) = EmbeddingStoreBuilder.Build(embedder, "fp", Corpus());

        Assert.Equal(4, embedder.TextsEmbedded);
        Assert.Equal(4, store.SentenceCount);
        Assert.Equal(3, store.PassageCount);
        Assert.Equal((0, 2, 4), (report.DocumentsReused, report.DocumentsEmbedded, report.TextsEmbedded));
    }

    [Fact]
    public void Build_OneDocumentChanged_ReembedsOnlyThatDocument()
    {
        var (previous, _) = EmbeddingStoreBuilder.Build(new FakeEmbedder(), "fp-1", Corpus());
        var embedder = new FakeEmbedder();

        var (store, report) = EmbeddingStoreBuilder.Build(embedder, "fp-2", Corpus("Beta changed."), previous);

        Assert.Equal(["Title of b.txt: Beta changed."], embedder.Seen);
        Assert.Equal((1, 1), (report.DocumentsReused, report.DocumentsEmbedded));
        Assert.Equal("fp-2", store.Fingerprint);
        Assert.Equal(embedder.VectorOf("Title of b.txt: Beta changed."), store.Find("b.txt")!.Passages[0].Sentences[0].ToArray());
        Assert.Equal(previous.Find("a.txt")!.ContentHash, store.Find("a.txt")!.ContentHash);
    }

    [Fact]
    public void Build_PreviousFromAnotherModel_ReembedsEverything()
    {
        var (previous, _) = EmbeddingStoreBuilder.Build(new FakeEmbedder("other@1"), "fp-1", Corpus());
        var embedder = new FakeEmbedder();

        EmbeddingStoreBuilder.Build(embedder, "fp-1", Corpus(), previous);

        Assert.Equal(4, embedder.TextsEmbedded);
    }

    [Fact]
    public void Build_OptionsChanged_ReembedsEverything()
    {
        var (previous, _) = EmbeddingStoreBuilder.Build(new FakeEmbedder(), "fp-1", Corpus());
        var embedder = new FakeEmbedder();

        EmbeddingStoreBuilder.Build(embedder, "fp-1", Corpus(), previous, new EmbeddingBuildOptions(TitleInSentences: false));

        Assert.Equal(4, embedder.TextsEmbedded);
        Assert.Contains("Alpha one.", embedder.Seen);
    }

    [Fact]
    public void Build_DefaultOptions_PrefixesSentencesWithTitle()
    {
        var embedder = new FakeEmbedder();

        EmbeddingStoreBuilder.Build(embedder, "fp", Corpus());

        Assert.Contains("Title of a.txt: Alpha one.", embedder.Seen);
    }

    [Fact]
    public void Build_PassageTextOption_EmbedsPassagesToo()
    {
        var embedder = new FakeEmbedder();

        var (store, _) = EmbeddingStoreBuilder.Build(embedder, "fp", Corpus(), options: new EmbeddingBuildOptions(PassageVectorSource.PassageText));

        Assert.Equal(7, embedder.TextsEmbedded);
        Assert.Equal(embedder.VectorOf("Alpha one. Alpha two."), store.Find("a.txt")!.Passages[0].Vector.ToArray());
    }

    [Fact]
    public void Build_SentenceMeanOption_PassageVectorIsNormalizedMeanOfSentences()
    {
        var embedder = new FakeEmbedder();

        var (store, _) = EmbeddingStoreBuilder.Build(embedder, "fp", Corpus());

        var passage = store.Find("a.txt")!.Passages[0];
        var expected = VectorMath.NormalizedMean(passage.Sentences, embedder.Dimensions);
        Assert.Equal(1f, SemanticTestData.Cosine(expected, passage.Vector), 5);
    }

    [Fact]
    public void Build_WithProgress_ReportsTotal()
    {
        var reports = new List<EmbeddingProgress>();

        EmbeddingStoreBuilder.Build(new FakeEmbedder(), "fp", Corpus(), progress: new ListProgress(reports));

        Assert.Equal(new EmbeddingProgress(4, 4), reports[^1]);
    }

    [Fact]
    public void LoadOrBuild_SecondCallSameFingerprint_LoadsWithoutReadingDocuments()
    {
        EmbeddingStoreBuilder.LoadOrBuild(_folder.Path, new FakeEmbedder(), "corpus-1", () => Corpus());
        var embedder = new FakeEmbedder();

        var (store, report) = EmbeddingStoreBuilder.LoadOrBuild(
            _folder.Path, embedder, "corpus-1", () => throw new InvalidOperationException("documents were read"));

        Assert.True(report.Reused);
        Assert.Equal(0, embedder.TextsEmbedded);
        Assert.Equal(4, store.SentenceCount);
    }

    [Fact]
    public void LoadOrBuild_CorpusChanged_ReembedsChangedDocumentAndSaves()
    {
        EmbeddingStoreBuilder.LoadOrBuild(_folder.Path, new FakeEmbedder(), "corpus-1", () => Corpus());
        var embedder = new FakeEmbedder();

        var (_, report) = EmbeddingStoreBuilder.LoadOrBuild(_folder.Path, embedder, "corpus-2", () => Corpus("Beta changed."));

        Assert.False(report.Reused);
        Assert.Equal(1, embedder.TextsEmbedded);
        var reloaded = EmbeddingStore.TryLoad(_folder.Path, embedder.ModelId, embedder.Dimensions, fingerprint: null);
        Assert.StartsWith("corpus-2|", reloaded?.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrBuild_CorruptFile_RebuildsEverything()
    {
        var (first, _) = EmbeddingStoreBuilder.LoadOrBuild(_folder.Path, new FakeEmbedder(), "corpus-1", () => Corpus());
        File.WriteAllBytes(EmbeddingStore.PathFor(_folder.Path, first.ModelId), [1, 2, 3]);
        var embedder = new FakeEmbedder();

        var (store, _) = EmbeddingStoreBuilder.LoadOrBuild(_folder.Path, embedder, "corpus-1", () => Corpus());

        Assert.Equal(4, embedder.TextsEmbedded);
        Assert.Equal(4, store.SentenceCount);
    }

    private sealed class ListProgress(List<EmbeddingProgress> reports) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => reports.Add(value);
    }
}
