using System.Diagnostics;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
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
    private readonly RetrievalOptions _options;
    private readonly QuestionAnalyzer _questions;
    private readonly PassageRetriever _retriever;
    private readonly AnswerComposer _composer;
    private readonly KeywordSearcher _keywords;
    private readonly ILogger _logger;

    private HistoryBotEngine(PassageIndex index, RetrievalOptions options, ILogger logger)
    {
        _index = index;
        _options = options;
        _logger = logger;
        _questions = new QuestionAnalyzer(index.Reader, options);
        _retriever = new PassageRetriever(index.Searcher, options);
        _composer = new AnswerComposer(options);
        _keywords = new KeywordSearcher(index.Searcher);
    }

    public IndexStats Stats => _index.Stats;

    public IndexBuildReport IndexReport => _index.Report;

    public IReadOnlyList<string> DocumentTitles => _index.DocumentTitles;

    /// <summary>Opens (building or updating as needed) the index of a corpus and returns an engine over it.</summary>
    /// <exception cref="Corpus.CorpusNotFoundException">The corpus folder is missing or empty.</exception>
    public static HistoryBotEngine Open(
        IndexOptions indexOptions,
        RetrievalOptions? retrievalOptions = null,
        ILoggerFactory? loggerFactory = null,
        IProgress<IndexProgress>? progress = null,
        bool forceRebuild = false,
        CancellationToken cancellationToken = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var index = PassageIndex.Open(indexOptions, loggerFactory.CreateLogger<PassageIndex>(), progress, forceRebuild, cancellationToken);
        return new HistoryBotEngine(index, retrievalOptions ?? new RetrievalOptions(), loggerFactory.CreateLogger<HistoryBotEngine>());
    }

    public Answer Ask(string question, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        question ??= string.Empty;
        var analysis = _questions.Analyze(question);
        cancellationToken.ThrowIfCancellationRequested();
        var retrieved = _retriever.Retrieve(analysis, _options.CandidatePassages);
        var answer = _composer.Compose(analysis, retrieved, stopwatch.Elapsed);
        answer = answer with { Elapsed = stopwatch.Elapsed };
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
