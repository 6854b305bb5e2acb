using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Live;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Semantic;
using HistoryBot.Tests.Semantic;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Live;

/// <summary>
/// A corpus with more sentences than Retrieval:MaxSentencesToEmbed is answered lexically at once and embedded in the
/// background, then answered hybrid without a restart. The model is a fake that embeds only once a test lets it.
/// </summary>
public sealed class BackgroundEmbeddingTests : IDisposable
{
    private const string Rome = "Rome\n\nCaesar crossed the Rubicon in 49 BC. A civil war began. Pompey fled to Greece.\n";
    private const string Carthage = "Carthage\n\nHannibal crossed the Alps in 218 BC. He brought war elephants. Rome trembled.\n";

    private readonly TempCorpus _corpus = new();
    private readonly GatedEmbedder _embedder = new();
    private readonly HistoryBotEngineBuilder _builder;
    private readonly List<LiveAnswerService> _services = [];

    public BackgroundEmbeddingTests()
    {
        _builder = new HistoryBotEngineBuilder().UseEmbedder(_embedder);
        _corpus.Write("rome.txt", Rome);
        _corpus.Write("carthage.txt", Carthage);
    }

    public void Dispose()
    {
        _embedder.Open();
        foreach (var service in _services)
        {
            service.Dispose();
        }

        _builder.Dispose();
        _corpus.Dispose();
    }

    private IndexOptions Options() =>
        new() { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory, WatchCorpus = false };

    private static AnswerOptions Hybrid(int maxSentencesToEmbed) =>
        new() { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Hybrid, MaxSentencesToEmbed = maxSentencesToEmbed } };

    private LiveAnswerService StartLive(int maxSentencesToEmbed)
    {
        var answers = Hybrid(maxSentencesToEmbed);
        HistoryBotEngine Open(CancellationToken token) => _builder.Build(Options(), answers, cancellationToken: token);
        var service = LiveAnswerService.Start(Open, Open, Options())
            .EmbedPendingSentences((progress, token) => _builder.EmbedSentences(Options(), progress, token));
        _services.Add(service);
        return service;
    }

    [Fact]
    public void EmbedPendingSentences_CorpusOverTheLimit_AnswersLexicallyAtOnceThenHybridWithoutARestart()
    {
        // Given a corpus of six sentences, more than the limit of two, and a model that has not embedded anything yet
        var service = StartLive(maxSentencesToEmbed: 2);

        // When a question comes before the embedding ends
        var first = service.Ask("When did Caesar cross the Rubicon?");

        // Then it is answered at once, lexically, while the embedding runs and says how far it is
        Assert.True(first.Answered);
        Assert.Equal(RetrievalMode.Lexical, first.Retrieval);
        Waiting.Until(() => _embedder.Waiting, "the background embedding to start");
        Assert.NotNull(service.BackgroundEmbedding);

        // And once the model has embedded the sentences, the same service answers hybrid
        _embedder.Open();
        Waiting.Until(() => service.Mode == RetrievalMode.Hybrid, "the swap to a hybrid engine");
        var later = service.Ask("When did Caesar cross the Rubicon?");
        Assert.Equal(RetrievalMode.Hybrid, later.Retrieval);
        Assert.Contains("49 BC", later.Quote?.Text.Text ?? "(declined)", StringComparison.Ordinal);
        Assert.Null(service.BackgroundEmbedding);
        Assert.Equal(6, _embedder.TextsEmbedded);
    }

    [Fact]
    public void EmbedPendingSentences_CorpusUnderTheLimit_EmbedsBeforeTheFirstAnswer()
    {
        _embedder.Open();

        var service = StartLive(maxSentencesToEmbed: 100);

        Assert.Equal(RetrievalMode.Hybrid, service.Ask("When did Hannibal cross the Alps?").Retrieval);
        Assert.Null(service.BackgroundEmbedding);
    }

    [Fact]
    public void Dispose_WhileEmbedding_CancelsTheEmbedding()
    {
        var service = StartLive(maxSentencesToEmbed: 2);
        Waiting.Until(() => _embedder.Waiting, "the background embedding to start");

        service.Dispose();

        Assert.True(_embedder.Cancelled);
        Assert.Equal(0, _embedder.TextsEmbedded);
    }

    [Fact]
    public void Build_AfterEmbedSentences_IsHybridAlthoughTheCorpusIsOverTheLimit()
    {
        _embedder.Open();
        using (var before = _builder.Build(Options(), Hybrid(2)))
        {
            Assert.Equal(RetrievalMode.Lexical, before.Mode);
            Assert.True(before.EmbeddingPending);
        }

        var progress = new List<EmbeddingProgress>();
        _builder.EmbedSentences(Options(), new Reporter(progress.Add));

        using var after = _builder.Build(Options(), Hybrid(2));
        Assert.Equal(RetrievalMode.Hybrid, after.Mode);
        Assert.False(after.EmbeddingPending);
        Assert.Equal(new EmbeddingProgress(6, 6), progress[^1]);
    }

    private sealed class Reporter(Action<EmbeddingProgress> report) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => report(value);
    }

    /// <summary>A fake model whose corpus embedding waits until <see cref="Open"/> (queries are embedded at once).</summary>
    private sealed class GatedEmbedder : ITextEmbedder
    {
        private readonly FakeEmbedder _inner = new();
        private readonly ManualResetEventSlim _gate = new();
        private volatile bool _waiting;
        private volatile bool _cancelled;
        private int _texts;

        public string ModelId => _inner.ModelId;

        public int Dimensions => _inner.Dimensions;

        public bool Waiting => _waiting;

        public bool Cancelled => _cancelled;

        public int TextsEmbedded => Volatile.Read(ref _texts);

        public void Open() => _gate.Set();

        public float[][] EmbedPassages(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
        {
            _waiting = true;
            try
            {
                _gate.Wait(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                _cancelled = true;
                throw;
            }

            Interlocked.Add(ref _texts, texts.Count);
            var vectors = texts.Select(_inner.VectorOf).ToArray();
            progress?.Report(texts.Count);
            return vectors;
        }

        public float[] EmbedQuery(string question, CancellationToken cancellationToken = default) => _inner.VectorOf(question);
    }
}
