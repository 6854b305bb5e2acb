using System.Diagnostics;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Conversation;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Intent;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Semantic;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core;

/// <summary>
/// The question-answering engine: an opened index plus retrieval and answer composition.
/// Thread-safe; open it once (with <see cref="HistoryBotEngineBuilder"/>) and share it.
/// </summary>
public sealed class HistoryBotEngine : IAnswerService, IDisposable
{
    private readonly PassageIndex _index;
    private readonly QuestionAnalyzer _questions;
    private readonly CandidateRetriever _candidates;
    private readonly AnswerComposer _composer;
    private readonly KeywordSearcher _keywords;
    private readonly ILogger _logger;
    private readonly int _maxQuestionLength;
    private readonly CorpusNames _names;
    private readonly TermLookup _terms;

    internal HistoryBotEngine(PassageIndex index, AnswerOptions options, SemanticIndex? semantic, ILogger logger)
    {
        _index = index;
        _logger = logger;
        _maxQuestionLength = options.Questions.MaxQuestionLength;
        _names = new CorpusNames(index);
        _terms = new TermLookup(index.Reader);
        _questions = new QuestionAnalyzer(index.Reader, options.Questions, _terms);
        _candidates = new CandidateRetriever(new PassageRetriever(index.Searcher, options.Retrieval, _terms), semantic, options.Retrieval);
        var passages = new AnalysedPassages();
        _composer = new AnswerComposer(
            new SentenceScorer(options.Scoring, passages),
            new ConfidenceEstimator(options.Confidence, index.DocumentHas, passages),
            new QuoteBuilder(options.Quotes),
            // The model is trained on hybrid candidates (with embedding similarities); lexical mode keeps the rules.
            (options.Confidence.AnswerPath == AnswerPath.Learned || options.Confidence.CalibratedConfidence) && semantic is not null
                ? AnswerModel.Shipped
                : null,
            options.Confidence.AnswerPath,
            options.Confidence.CalibratedConfidence,
            // Fitted on hybrid candidates too: lexical mode shows the hand-written confidence as computed.
            options.Confidence.CalibratedHandConfidence && semantic is not null ? AnswerModel.Shipped.HandScale : null);
        _keywords = new KeywordSearcher(index.Searcher, options.Retrieval);
    }

    public IndexStats Stats => _index.Stats;

    public IndexBuildReport IndexReport => _index.Report;

    public IReadOnlyList<string> DocumentTitles => _index.DocumentTitles;

    /// <summary>When the corpus last changed, as far as opening it could tell: its newest file's modification time.</summary>
    public DateTimeOffset? CorpusChanged => _index.NewestFileTime;

    /// <summary>The retrieval actually in use: hybrid falls back to lexical when the corpus could not be embedded.</summary>
    public RetrievalMode Mode => _candidates.IsHybrid ? RetrievalMode.Hybrid : RetrievalMode.Lexical;

    /// <summary>
    /// True when hybrid retrieval was asked for but the corpus's sentences are not embedded yet and there were more of
    /// them than <c>Retrieval:MaxSentencesToEmbed</c>, so this engine answers lexically without waiting: a long-running
    /// host embeds them in the background (<see cref="HistoryBotEngineBuilder.EmbedSentences"/>) and opens a new engine.
    /// </summary>
    public bool EmbeddingPending { get; internal init; }

    /// <summary>Every corpus file, indexed or skipped, with its scope, in corpus order.</summary>
    public IReadOnlyList<IndexedDocument> Documents => _index.Documents;

    public Answer Ask(string question, CancellationToken cancellationToken = default) => Ask(question, AnswerScope.Everything, cancellationToken);

    public Answer Ask(string question, AnswerScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var stopwatch = Stopwatch.StartNew();
        var (text, clipped) = QuestionAnalyzer.Clip(question ?? string.Empty, _maxQuestionLength);
        var intake = QuestionIntake.Read(text);
        Answer answer;
        if (!intake.IsQuestion)
        {
            // Small talk, another language or nothing to look up: a reason, never a quote.
            answer = new Answer(text, false, null, [], [], stopwatch.Elapsed)
            {
                Reason = intake.Decline,
                SmallTalk = intake.SmallTalk,
                Language = intake.Language,
            };
        }
        else
        {
            var analysis = _questions.Analyze(intake.Question);
            cancellationToken.ThrowIfCancellationRequested();
            var candidates = _candidates.Retrieve(analysis, scope, cancellationToken);
            answer = _composer.Compose(analysis, candidates, stopwatch.Elapsed);
            if (!answer.Answered && analysis.Terms.Count == 0)
            {
                answer = answer with { Reason = DeclineReason.Empty };
            }
        }

        // The answer names the question as asked (framing and all), cut where the analysis cut it.
        answer = answer with { Question = text, QuestionClipped = clipped, Elapsed = stopwatch.Elapsed, Retrieval = Mode };
        _logger.LogDebug(
            "Answered in {Milliseconds:F1} ms (answered: {Answered}, reason: {Reason}).",
            stopwatch.Elapsed.TotalMilliseconds, answer.Answered, answer.Reason);
        return answer;
    }

    public bool IsName(string word) => _names.IsName(word);

    /// <summary>
    /// The shortlisted candidate sentences of a question with their features and the quote each would give, for training
    /// the answer model (<c>src/HistoryBot.Training</c>).
    /// </summary>
    internal IReadOnlyList<(CandidateSentence Candidate, string Quote)> Inspect(string question, CancellationToken cancellationToken = default) =>
        InspectAnalysed(question, cancellationToken).Candidates;

    /// <summary><see cref="Inspect"/> with the question's analysis (for features the trainer computes beside the engine's).</summary>
    internal (QuestionAnalysis Question, IReadOnlyList<(CandidateSentence Candidate, string Quote)> Candidates) InspectAnalysed(
        string question, CancellationToken cancellationToken = default)
    {
        var analysis = _questions.Analyze(question);
        return (analysis, _composer.Inspect(analysis, _candidates.Retrieve(analysis, cancellationToken)));
    }

    public SearchResult Search(string query, int limit = 10, CancellationToken cancellationToken = default) =>
        Search(query, limit, AnswerScope.Everything, cancellationToken);

    public SearchResult Search(string query, int limit, AnswerScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        cancellationToken.ThrowIfCancellationRequested();
        return _keywords.Search(query, limit, scope);
    }

    /// <summary>
    /// Raw search in Lucene query syntax returning the top passages with their stored text, without snippets: what a
    /// benchmark against other engines measures. With <paramref name="textOnly"/> only the passage text is searched (the
    /// query a plain Lucene index of the passages runs); otherwise section and title too, as <see cref="Search(string, int, CancellationToken)"/> does.
    /// </summary>
    /// <exception cref="QuerySyntaxException">The query is empty or malformed.</exception>
    public IReadOnlyList<PassageHit> SearchPassages(
        string query, int limit = 10, bool textOnly = false, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _index.TopPassages(textOnly ? _index.ParseTextQuery(query) : _keywords.Parse(query), limit);
    }

    /// <summary>The full path of the index folder.</summary>
    public string IndexPath => _index.IndexPath;

    /// <summary>Verifies the checksums of the open index (after a read failed): the damage found, or null.</summary>
    internal Exception? FindDamage(CancellationToken cancellationToken) => _index.FindDamage(cancellationToken);

    public void Dispose()
    {
        _questions.Dispose();
        _terms.Dispose();
        _index.Dispose();
    }
}
