using HistoryBot.Core.Chunking;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Retrieval;

/// <summary>One hit of a keyword search: the passage, its score and a highlighted snippet.</summary>
public sealed record SearchHit(Passage Passage, double Score, HighlightedText Snippet);

/// <summary>The hits of a keyword search, best first, and how many passages matched in all.</summary>
public sealed record SearchResult(string Query, int TotalHits, IReadOnlyList<SearchHit> Hits, TimeSpan Elapsed);

/// <summary>A keyword query that Lucene's query syntax cannot parse: a user error with a one-line explanation.</summary>
public sealed class QuerySyntaxException(string message, Exception? inner = null) : Exception(message, inner);
