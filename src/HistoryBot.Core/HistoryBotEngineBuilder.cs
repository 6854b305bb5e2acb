using System.Globalization;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Semantic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Core;

/// <summary>
/// Opens <see cref="HistoryBotEngine"/>s: builds or updates the index of a corpus and, in hybrid mode, its sentence
/// embeddings. One builder serves a whole process (a command, a bot, a reload loop): the embedder it creates is loaded
/// once, shared by every engine it builds, and disposed with the builder, so it must outlive them.
/// </summary>
/// <example>
/// <code>
/// using var builder = new HistoryBotEngineBuilder(loggerFactory).UseEmbedder(_ => new ArcticXsEmbedder());
/// using var engine = builder.Build(new IndexOptions { CorpusDirectory = "corpus" }, cancellationToken: token);
/// </code>
/// </example>
public sealed class HistoryBotEngineBuilder : IDisposable
{
    /// <summary>Embedding time per sentence on a 2-core machine, for the estimate in the log (bench --mode embed).</summary>
    private const double SecondsPerSentence = 0.01;

    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Func<ILoggerFactory, ITextEmbedder>? _createEmbedder;
    private ITextEmbedder? _embedder;
    private bool _ownsEmbedder;
    private IProgress<IndexProgress>? _indexProgress;
    private IProgress<EmbeddingProgress>? _embeddingProgress;
    private bool _disposed;

    public HistoryBotEngineBuilder(ILoggerFactory? loggerFactory = null)
    {
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<HistoryBotEngineBuilder>();
    }

    /// <summary>
    /// The embedder for hybrid retrieval, created by <paramref name="create"/> the first time a hybrid engine is built
    /// (a lexical-only run never loads the model) and disposed with this builder.
    /// </summary>
    public HistoryBotEngineBuilder UseEmbedder(Func<ILoggerFactory, ITextEmbedder> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ReleaseEmbedder();
            _createEmbedder = create;
        }

        return this;
    }

    /// <summary>An embedder the caller owns (and disposes after every engine built with it).</summary>
    public HistoryBotEngineBuilder UseEmbedder(ITextEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ReleaseEmbedder();
            _createEmbedder = null;
            _embedder = embedder;
        }

        return this;
    }

    /// <summary>Progress of indexing and of embedding, reported while an engine is built (e.g. a terminal status line).</summary>
    public HistoryBotEngineBuilder ReportProgress(IProgress<IndexProgress>? indexing, IProgress<EmbeddingProgress>? embedding = null)
    {
        _indexProgress = indexing;
        _embeddingProgress = embedding;
        return this;
    }

    /// <summary>
    /// Opens an engine over the corpus in <paramref name="index"/>, building or updating its index (and embeddings) as
    /// needed. Hybrid mode falls back to lexical, with a warning, when the corpus can't be embedded, and when its
    /// sentences are not embedded yet and more than <see cref="RetrievalOptions.MaxSentencesToEmbed"/>: then the engine
    /// answers at once and says <see cref="HistoryBotEngine.EmbeddingPending"/> (see <see cref="EmbedSentences"/>).
    /// </summary>
    /// <param name="forceRebuild">Rebuild the index from scratch even when it is current.</param>
    /// <exception cref="Corpus.CorpusNotFoundException">The corpus folder is missing or has no readable document.</exception>
    /// <exception cref="InvalidOperationException">Hybrid mode was asked for and no embedder was given.</exception>
    public HistoryBotEngine Build(
        IndexOptions index, AnswerOptions? answers = null, bool forceRebuild = false, CancellationToken cancellationToken = default) =>
        Open(index, answers, forceRebuild, verify: false, cancellationToken);

    /// <summary>
    /// Opens an engine as <see cref="Build(IndexOptions, AnswerOptions?, bool, CancellationToken)"/> does after checking
    /// every checksum of the index, rebuilding it when one fails (what `index --verify` does): for a read that failed on a
    /// damaged file.
    /// </summary>
    public HistoryBotEngine Repair(IndexOptions index, AnswerOptions? answers = null, CancellationToken cancellationToken = default) =>
        Open(index, answers, forceRebuild: false, verify: true, cancellationToken);

    private HistoryBotEngine Open(IndexOptions index, AnswerOptions? answers, bool forceRebuild, bool verify, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        answers ??= new AnswerOptions();
        var embedder = answers.Retrieval.Mode == RetrievalMode.Hybrid ? Embedder() : null;
        var passages = PassageIndex.Open(index, _loggers.CreateLogger<PassageIndex>(), _indexProgress, forceRebuild, verify, cancellationToken);
        try
        {
            var (semantic, pending) = embedder is null ? (null, false) : OpenSemantic(passages, answers.Retrieval, embedder, cancellationToken);
            return new HistoryBotEngine(passages, answers, semantic, _loggers.CreateLogger<HistoryBotEngine>()) { EmbeddingPending = pending };
        }
        catch
        {
            passages.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Embeds every sentence of the corpus in <paramref name="index"/> that has no stored vector yet, whatever
    /// <c>Retrieval:MaxSentencesToEmbed</c> says, and saves the vectors beside the index, so that the next
    /// <see cref="Build"/> opens a hybrid engine. Progress is saved as it goes (an interrupted run resumes where it
    /// stopped), and cancelling loses at most the last unsaved slice. Meant for a background thread of a long-running host
    /// (<see cref="Live.LiveAnswerService.EmbedPendingSentences"/>): it opens the index on its own, apart from any engine.
    /// </summary>
    /// <exception cref="IOException">The vectors could not be saved.</exception>
    public void EmbedSentences(IndexOptions index, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        var embedder = Embedder();
        using var passages = PassageIndex.Open(index, _loggers.CreateLogger<PassageIndex>(), cancellationToken: cancellationToken);
        _ = SemanticIndex.Open(passages, embedder, _loggers.CreateLogger<SemanticIndex>(), progress, cancellationToken);
        if (!File.Exists(StorePath(passages, embedder)))
        {
            throw new IOException($"The sentence vectors could not be saved in {Path.GetDirectoryName(StorePath(passages, embedder))}.");
        }
    }

    /// <summary>Disposes the embedder this builder created; engines built by it must be disposed first.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            ReleaseEmbedder();
        }
    }

    private ITextEmbedder Embedder()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_embedder is null && _createEmbedder is { } create)
            {
                _embedder = create(_loggers);
                _ownsEmbedder = true;
            }

            return _embedder ?? throw new InvalidOperationException(
                "Hybrid retrieval needs an embedder: call UseEmbedder, or set Retrieval:Mode to Lexical.");
        }
    }

    private void ReleaseEmbedder()
    {
        if (_ownsEmbedder && _embedder is IDisposable disposable)
        {
            disposable.Dispose();
        }

        _embedder = null;
        _ownsEmbedder = false;
    }

    private static string Estimate(int sentences)
    {
        var seconds = sentences * SecondsPerSentence;
        return seconds < 90
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, seconds):N0} seconds")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:N0} minutes");
    }

    private static string StorePath(PassageIndex index, ITextEmbedder embedder) =>
        EmbeddingStore.PathFor(Path.Combine(index.IndexPath, SemanticIndex.FolderName), embedder.ModelId);

    /// <summary>The sentence vectors, or none (pending) when there are too many sentences to embed before answering.</summary>
    private (SemanticIndex? Semantic, bool Pending) OpenSemantic(
        PassageIndex index, RetrievalOptions options, ITextEmbedder embedder, CancellationToken cancellationToken)
    {
        if (index.Stats.Sentences > options.MaxSentencesToEmbed && !File.Exists(StorePath(index, embedder)))
        {
            _logger.LogWarning(
                "The corpus has {Sentences:N0} sentences, more than Retrieval:MaxSentencesToEmbed ({Limit:N0}), and they are not embedded yet: answering with keywords only (lexical) for now. chat and discord embed them in the background (about {Estimate} here) and then answer hybrid; ask and eval stay lexical for the whole run (raise the limit to have them embed first).",
                index.Stats.Sentences,
                options.MaxSentencesToEmbed,
                Estimate(index.Stats.Sentences));
            return (null, true);
        }

        try
        {
            return (SemanticIndex.Open(index, embedder, _loggers.CreateLogger<SemanticIndex>(), _embeddingProgress, cancellationToken), false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Sentence embeddings are unavailable; answering with keywords only.");
            return (null, false);
        }
    }
}
