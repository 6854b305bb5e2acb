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
        Assert.Equal(3, store.Documents.Sum(d => d.Passages.Count));
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
        var probe = embedder.VectorOf("probe");
        Assert.Equal(SemanticTestData.Cosine(probe, embedder.VectorOf("Title of b.txt: Beta changed.")), store.SentenceSimilarity(probe, "b.txt#0", 0)!.Value, tolerance: 0.01);
        Assert.Equal(previous.Find("a.txt")!.ContentHash, store.Find("a.txt")!.ContentHash);
        Assert.Equal(previous.SentenceSimilarity(probe, "a.txt#1", 0), store.SentenceSimilarity(probe, "a.txt#1", 0));
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

    [Fact]
    public void LoadOrBuild_Version1File_SavesVersion2WithoutEmbedding()
    {
        var (first, _) = EmbeddingStoreBuilder.LoadOrBuild(_folder.Path, new FakeEmbedder(), "corpus-1", () => Corpus());
        var path = EmbeddingStore.PathFor(_folder.Path, first.ModelId);
        File.WriteAllBytes(path, Version1File.Write(first, new FakeEmbedder()));
        var embedder = new FakeEmbedder();

        var (store, _) = EmbeddingStoreBuilder.LoadOrBuild(_folder.Path, embedder, "corpus-1", () => Corpus());

        Assert.Equal(0, embedder.TextsEmbedded);
        Assert.Equal(4, store.SentenceCount);
        var reloaded = EmbeddingStore.TryLoad(_folder.Path, embedder.ModelId, embedder.Dimensions, store.Fingerprint);
        Assert.NotNull(reloaded);
        Assert.False(reloaded.IsOutdatedFormat);
        var probe = embedder.VectorOf("probe");
        Assert.Equal(first.SentenceSimilarity(probe, "a.txt#0", 1), reloaded.SentenceSimilarity(probe, "a.txt#0", 1));
    }

    private sealed class ListProgress(List<EmbeddingProgress> reports) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => reports.Add(value);
    }
}
