using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Semantic;

namespace HistoryBot.Core;

/// <summary>
/// What an adapter (console, Discord) needs from the core: answers to questions, keyword search and a
/// description of the corpus. Implementations are thread-safe.
/// </summary>
public interface IAnswerService
{
    /// <summary>Counts of documents, sections, passages and sentences in the corpus.</summary>
    IndexStats Stats { get; }

    /// <summary>Titles of the corpus documents, in corpus order.</summary>
    IReadOnlyList<string> DocumentTitles { get; }

    /// <summary>When the corpus last changed, where the service knows it; else null.</summary>
    DateTimeOffset? CorpusChanged => null;

    /// <summary>
    /// How far the corpus's sentences are embedded, while that runs in the background (answers are lexical until it
    /// ends); null when nothing is being embedded. Adapters show it with <see cref="EmbeddingProgress.Describe"/>.
    /// </summary>
    EmbeddingProgress? BackgroundEmbedding => null;

    /// <summary>
    /// Whether the corpus writes <paramref name="word"/> as a name (capitalised nearly everywhere): "trotsky" typed in
    /// lower case is still a name to follow up on. False where the service can't tell.
    /// </summary>
    bool IsName(string word) => false;

    /// <summary>Answers a natural-language question by quoting the corpus, or declines. Never throws for bad input.</summary>
    Answer Ask(string question, CancellationToken cancellationToken = default);

    /// <summary>Runs a Lucene-syntax keyword query.</summary>
    /// <exception cref="QuerySyntaxException">The query is malformed.</exception>
    SearchResult Search(string query, int limit = 10, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every corpus file, indexed or skipped (with the reason), in corpus order, each with its scope
    /// (<see cref="DocumentScopes"/>). Empty where the service does not know its files.
    /// </summary>
    IReadOnlyList<IndexedDocument> Documents => [];

    /// <summary>
    /// Answers from the documents in <paramref name="scope"/> only: the shared corpus and that scope's uploads. The
    /// other documents are filtered out at retrieval, so neither the quote, the passages nor a decline's suggestions
    /// come from them. A service without uploads may ignore the scope (the default).
    /// </summary>
    Answer Ask(string question, AnswerScope scope, CancellationToken cancellationToken = default) => Ask(question, cancellationToken);

    /// <summary>Runs a Lucene-syntax keyword query over the documents in <paramref name="scope"/> only.</summary>
    /// <exception cref="QuerySyntaxException">The query is malformed.</exception>
    SearchResult Search(string query, int limit, AnswerScope scope, CancellationToken cancellationToken = default) =>
        Search(query, limit, cancellationToken);

    /// <summary>
    /// Picks up changes of the corpus folder now (a file just written or deleted) and completes once the service answers
    /// from the corpus as it is; <see cref="Documents"/> then tells what became of each file. A no-op by default.
    /// </summary>
    Task RefreshAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
