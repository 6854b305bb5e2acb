using HistoryBot.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HistoryBot.Core.Retrieval;

/// <summary>
/// The Lucene side of an <see cref="AnswerScope"/>: a filter on the indexed scope field, applied inside the search (so
/// the top hits are the top hits of the documents in scope, not what is left of the overall top hits).
/// </summary>
internal static class ScopeFilters
{
    /// <summary>The filter for <paramref name="scope"/>, or null when it sees everything.</summary>
    public static Filter? For(AnswerScope? scope)
    {
        if (scope is null || scope.IsEverything)
        {
            return null;
        }

        var shared = new TermQuery(new Term(IndexFields.Scope, IndexFields.SharedScope));
        if (scope.Name is not { } name)
        {
            return new QueryWrapperFilter(shared);
        }

        return new QueryWrapperFilter(new BooleanQuery
        {
            { shared, Occur.SHOULD },
            { new TermQuery(new Term(IndexFields.Scope, name)), Occur.SHOULD },
        });
    }
}
