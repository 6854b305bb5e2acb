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

    /// <summary>Answers a natural-language question by quoting the corpus, or declines. Never throws for bad input.</summary>
    Answer Ask(string question, CancellationToken cancellationToken = default);

    /// <summary>Runs a Lucene-syntax keyword query.</summary>
    /// <exception cref="QuerySyntaxException">The query is malformed.</exception>
    SearchResult Search(string query, int limit = 10, CancellationToken cancellationToken = default);
}
