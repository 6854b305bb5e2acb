using System.Diagnostics;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Semantic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Core;

/// <summary>
/// The question-answering engine: an opened index plus retrieval and answer composition.
/// Thread-safe; open it once and share it.
/// </summary>
public sealed class HistoryBotEngine : IAnswerService, IDisposable
{
    private readonly PassageIndex _index;
    private readonly QuestionAnalyzer _questions;
    private readonly CandidateRetriever _candidates;
    private readonly AnswerComposer _composer;
    private readonly KeywordSearcher _keywords;
    private readonly ILogger _logger;

    private HistoryBotEngine(PassageIndex index, AnswerOptions options, SemanticIndex? semantic, ILogger logger)
    {
        _index = index;
        _logger = logger;
        _questions = new QuestionAnalyzer(index.Reader, options.Questions);
        _candidates = new CandidateRetriever(new PassageRetriever(index.Searcher, options.Retrieval), semantic, options.Retrieval);
        _composer = new AnswerComposer(
            new SentenceScorer(options.Scoring), new ConfidenceEstimator(options.Confidence), new QuoteBuilder(options.Quotes));
        _keywords = new KeywordSearcher(index.Searcher, options.Retrieval);
    }

    public IndexStats Stats => _index.Stats;

    public IndexBuildReport IndexReport => _index.Report;

    public IReadOnlyList<string> DocumentTitles => _index.DocumentTitles;

    /// <summary>The retrieval actually in use: hybrid falls back to lexical when the corpus could not be embedded.</summary>
    public RetrievalMode Mode => _candidates.IsHybrid ? RetrievalMode.Hybrid : RetrievalMode.Lexical;

    /// <summary>Opens (building or updating as needed) the index of a corpus and returns an engine over it.</summary>
    /// <exception cref="Corpus.CorpusNotFoundException">The corpus folder is missing or empty.</exception>
    public static HistoryBotEngine Open(
        IndexOptions indexOptions,
        AnswerOptions? answerOptions = null,
        ILoggerFactory? loggerFactory = null,
        IProgress<IndexProgress>? progress = null,
        bool forceRebuild = false,
        CancellationToken cancellationToken = default,
        ITextEmbedder? embedder = null,
        IProgress<EmbeddingProgress>? embeddingProgress = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        answerOptions ??= new AnswerOptions();
        var retrievalOptions = answerOptions.Retrieval;
        var logger = loggerFactory.CreateLogger<HistoryBotEngine>();
        var index = PassageIndex.Open(indexOptions, loggerFactory.CreateLogger<PassageIndex>(), progress, forceRebuild, cancellationToken);
        try
        {
            var semantic = retrievalOptions.Mode == RetrievalMode.Hybrid
                ? OpenSemantic(index, retrievalOptions, embedder ?? SharedEmbedder(loggerFactory), loggerFactory, embeddingProgress, logger, cancellationToken)
                : null;
            return new HistoryBotEngine(index, answerOptions, semantic, logger);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    private static readonly Lock EmbedderGate = new();
    private static ArcticXsEmbedder? _sharedEmbedder;

    /// <summary>One model per process: loading it costs memory and a fraction of a second.</summary>
    private static ArcticXsEmbedder SharedEmbedder(ILoggerFactory loggerFactory)
    {
        lock (EmbedderGate)
        {
            return _sharedEmbedder ??= new ArcticXsEmbedder(loggerFactory.CreateLogger<ArcticXsEmbedder>());
        }
    }

    private static SemanticIndex? OpenSemantic(
        PassageIndex index,
        RetrievalOptions options,
        ITextEmbedder embedder,
        ILoggerFactory loggerFactory,
        IProgress<EmbeddingProgress>? progress,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var stored = EmbeddingStore.PathFor(Path.Combine(index.IndexPath, SemanticIndex.FolderName), embedder.ModelId);
        if (index.Stats.Sentences > options.MaxSentencesToEmbed && !File.Exists(stored))
        {
            logger.LogWarning(
                "The corpus has {Sentences:N0} sentences, more than Retrieval:MaxSentencesToEmbed ({Limit:N0}); embedding them would take about {Minutes:N0} minutes here, so answers use keywords only (lexical). Raise the limit to embed them once.",
                index.Stats.Sentences,
                options.MaxSentencesToEmbed,
                index.Stats.Sentences * 0.01 / 60);
            return null;
        }

        try
        {
            return SemanticIndex.Open(index, embedder, loggerFactory.CreateLogger<SemanticIndex>(), progress, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Sentence embeddings are unavailable; answering with keywords only.");
            return null;
        }
    }

    public Answer Ask(string question, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var analysis = _questions.Analyze(question);
        cancellationToken.ThrowIfCancellationRequested();
        var candidates = _candidates.Retrieve(analysis, cancellationToken);
        var answer = _composer.Compose(analysis, candidates, stopwatch.Elapsed) with { Elapsed = stopwatch.Elapsed };
        _logger.LogDebug("Answered in {Milliseconds:F1} ms (answered: {Answered}).", stopwatch.Elapsed.TotalMilliseconds, answer.Answered);
        return answer;
    }

    public SearchResult Search(string query, int limit = 10, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _keywords.Search(query, limit);
    }

    /// <summary>
    /// Raw search in Lucene query syntax returning the top passages with their stored text, without snippets: what a
    /// benchmark against other engines measures. With <paramref name="textOnly"/> only the passage text is searched (the
    /// query a plain Lucene index of the passages runs); otherwise section and title too, as <see cref="Search"/> does.
    /// </summary>
    /// <exception cref="QuerySyntaxException">The query is empty or malformed.</exception>
    public IReadOnlyList<PassageHit> SearchPassages(
        string query, int limit = 10, bool textOnly = false, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _index.TopPassages(textOnly ? _index.ParseTextQuery(query) : _keywords.Parse(query), limit);
    }

    public void Dispose() => _index.Dispose();
}
