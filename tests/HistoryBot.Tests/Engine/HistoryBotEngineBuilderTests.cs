using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Semantic;
using HistoryBot.Tests.Semantic;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Engine;

public sealed class HistoryBotEngineBuilderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Build_Lexical_NeverCreatesTheEmbedder()
    {
        var created = 0;
        using var builder = new HistoryBotEngineBuilder().UseEmbedder(_ =>
        {
            created++;
            return new DisposableEmbedder();
        });

        using var engine = builder.Build(Index(), Lexical());

        Assert.Equal(RetrievalMode.Lexical, engine.Mode);
        Assert.Equal(0, created);
    }

    [Fact]
    public void Build_HybridWithoutAnEmbedder_ThrowsNamingTheFix()
    {
        using var builder = new HistoryBotEngineBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build(Index(), Hybrid()));

        Assert.Contains("UseEmbedder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwoHybridEngines_ShareOneEmbedderCreatedOnce()
    {
        var created = new List<DisposableEmbedder>();
        using var builder = new HistoryBotEngineBuilder().UseEmbedder(_ =>
        {
            var embedder = new DisposableEmbedder();
            created.Add(embedder);
            return embedder;
        });

        using (var first = builder.Build(Index(), Hybrid()))
        using (var second = builder.Build(Index(), Hybrid()))
        {
            Assert.Equal(RetrievalMode.Hybrid, first.Mode);
            Assert.Equal(RetrievalMode.Hybrid, second.Mode);
        }

        var only = Assert.Single(created);
        Assert.False(only.Disposed);
    }

    [Fact]
    public void Dispose_EmbedderItCreated_IsDisposed()
    {
        DisposableEmbedder? created = null;
        var builder = new HistoryBotEngineBuilder().UseEmbedder(_ => created = new DisposableEmbedder());
        using (builder.Build(Index(), Hybrid()))
        {
        }

        builder.Dispose();

        Assert.NotNull(created);
        Assert.True(created.Disposed);
    }

    [Fact]
    public void Dispose_CallersEmbedder_IsLeftAlone()
    {
        var callers = new DisposableEmbedder();
        var builder = new HistoryBotEngineBuilder().UseEmbedder(callers);
        using (builder.Build(Index(), Hybrid()))
        {
        }

        builder.Dispose();

        Assert.False(callers.Disposed);
        Assert.True(callers.Inner.TextsEmbedded > 0);
    }

    [Fact]
    public void Build_AfterDispose_Throws()
    {
        var builder = new HistoryBotEngineBuilder().UseEmbedder(_ => new DisposableEmbedder());
        builder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => builder.Build(Index(), Hybrid()));
    }

    [Fact]
    public void Build_AnyCorpus_CorpusChangedIsTheNewestFileTimeAlsoWhenTheIndexIsReused()
    {
        var index = Index();
        var newest = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        File.WriteAllText(Path.Combine(index.CorpusDirectory, "b.txt"), "Beta\n\nKubla Khan decreed a stately pleasure-dome.");
        File.SetLastWriteTimeUtc(Path.Combine(index.CorpusDirectory, "a.txt"), newest.AddDays(-3));
        File.SetLastWriteTimeUtc(Path.Combine(index.CorpusDirectory, "b.txt"), newest);
        using var builder = new HistoryBotEngineBuilder();

        using (var built = builder.Build(index, Lexical()))
        {
            Assert.Equal(new DateTimeOffset(newest), built.CorpusChanged);
        }

        using var reused = builder.Build(index, Lexical());
        Assert.Equal(IndexBuildKind.Reused, reused.IndexReport.Kind);
        Assert.Equal(new DateTimeOffset(newest), reused.CorpusChanged);
    }

    private IndexOptions Index()
    {
        var corpus = _temp.Combine("corpus");
        if (!Directory.Exists(corpus))
        {
            Directory.CreateDirectory(corpus);
            File.WriteAllText(Path.Combine(corpus, "a.txt"), "Alpha\n\nThe river Alph ran through caverns measureless to man. It reached a sunless sea.");
        }

        return new IndexOptions { CorpusDirectory = corpus, IndexDirectory = _temp.Combine("index") };
    }

    private static AnswerOptions Lexical() => new() { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical } };

    private static AnswerOptions Hybrid() => new() { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Hybrid } };

    private sealed class DisposableEmbedder : ITextEmbedder, IDisposable
    {
        public FakeEmbedder Inner { get; } = new();

        public bool Disposed { get; private set; }

        public string ModelId => Inner.ModelId;

        public int Dimensions => Inner.Dimensions;

        public float[][] EmbedPassages(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(Disposed, this);
            return Inner.EmbedPassages(texts, progress, cancellationToken);
        }

        public float[] EmbedQuery(string question, CancellationToken cancellationToken = default) => Inner.EmbedQuery(question, cancellationToken);

        public void Dispose() => Disposed = true;
    }
}
