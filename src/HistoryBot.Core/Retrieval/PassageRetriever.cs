using HistoryBot.Core.Chunking;
using HistoryBot.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HistoryBot.Core.Retrieval;

/// <summary>A passage found by keywords, with its BM25 score (0 when it was fetched by id).</summary>
internal sealed record RetrievedPassage(Passage Passage, double Score);

/// <summary>Keyword candidates for the candidate retrieval stage.</summary>
internal interface ILexicalRetriever
{
    /// <summary>The passages of documents in <paramref name="scope"/> (null: all) that best match the question's terms, best first.</summary>
    IReadOnlyList<RetrievedPassage> Retrieve(QuestionAnalysis question, int limit, AnswerScope? scope = null);

    /// <summary>Passages by id, in the given order, with score 0; unknown ids are skipped.</summary>
    IReadOnlyList<RetrievedPassage> Fetch(IEnumerable<string> passageIds);
}

/// <summary>Finds the passages that best match an analysed question (BM25 over text, section and title).</summary>
/// <param name="terms">Term lookups over the searcher's reader (shared with question analysis); null: its own.</param>
internal sealed class PassageRetriever(IndexSearcher searcher, RetrievalOptions options, TermLookup? terms = null) : ILexicalRetriever
{
    private readonly TermLookup _terms = terms ?? new TermLookup(searcher.IndexReader);

    /// <summary>Question words at most this many content words apart count as a phrase ("Russian Revolution").</summary>
    private const int PhraseMaxGap = 2;

    /// <summary>How far apart a phrase's words may stand in a passage.</summary>
    private const int PhraseSlop = 3;

    public IReadOnlyList<RetrievedPassage> Retrieve(QuestionAnalysis question, int limit, AnswerScope? scope = null)
    {
        var query = BuildQuery(question);
        if (query.Clauses.Count == 0)
        {
            return [];
        }

        // Collected out of order: a query of optional clauses is then scored window by window through a bucket table
        // (PassageSearcher's, reused per thread), faster than merging the clauses' postings in document order.
        var collector = TopScoreDocCollector.Create(Math.Max(1, limit), docsScoredInOrder: false);
        searcher.Search(query, ScopeFilters.For(scope), collector);
        var top = collector.GetTopDocs();
        var result = new List<RetrievedPassage>(top.ScoreDocs.Length);
        foreach (var hit in top.ScoreDocs)
        {
            result.Add(new RetrievedPassage(PassageIndex.ToPassage(searcher.Doc(hit.Doc)), hit.Score));
        }

        return result;
    }

    public IReadOnlyList<RetrievedPassage> Fetch(IEnumerable<string> passageIds)
    {
        var result = new List<RetrievedPassage>();
        foreach (var id in passageIds)
        {
            var top = searcher.Search(new TermQuery(new Term(IndexFields.Id, id)), 1);
            if (top.ScoreDocs.Length == 1)
            {
                var doc = top.ScoreDocs[0].Doc;
                result.Add(new RetrievedPassage(PassageIndex.ToPassage(searcher.Doc(doc)), 0));
            }
        }

        return result;
    }

    internal BooleanQuery BuildQuery(QuestionAnalysis question)
    {
        var query = new BooleanQuery();
        foreach (var term in question.Terms)
        {
            foreach (var alternative in term.Alternatives)
            {
                var weight = (float)alternative.Weight;
                Add(query, IndexFields.Text, alternative.Term, weight);
                Add(query, IndexFields.Section, alternative.Term, weight * (float)options.SectionBoost);
                Add(query, IndexFields.Title, alternative.Term, weight * (float)options.TitleBoost);
            }
        }

        // Question words that stand next to each other, near each other in the passage: "Russian Revolution".
        if (options.PhraseBoost > 0)
        {
            var exact = question.Terms.Where(t => t.Alternatives.Count > 0 && t.Alternatives[0].Source != TermSource.Synonym).ToList();
            for (var i = 0; i + 1 < exact.Count; i++)
            {
                // A phrase with a word no passage text has matches nothing: not worth its positions enumerators.
                if (exact[i + 1].Position - exact[i].Position > PhraseMaxGap
                    || _terms.DocFreq(IndexFields.Text, exact[i].Alternatives[0].Term) == 0
                    || _terms.DocFreq(IndexFields.Text, exact[i + 1].Alternatives[0].Term) == 0)
                {
                    continue;
                }

                var phrase = new PhraseQuery { Slop = PhraseSlop, Boost = (float)options.PhraseBoost };
                phrase.Add(new Term(IndexFields.Text, exact[i].Alternatives[0].Term));
                phrase.Add(new Term(IndexFields.Text, exact[i + 1].Alternatives[0].Term));
                query.Add(phrase, Occur.SHOULD);
            }
        }

        return query;
    }

    /// <summary>
    /// Adds a term clause with its per-segment states found already, or nothing when no passage has the term in that
    /// field: such a clause scores nothing (BM25 has no coordination factor or query norm), yet Lucene would open a terms
    /// enumerator per segment to find that out. Most alternatives are absent from the section and title fields.
    /// </summary>
    private void Add(BooleanQuery query, string field, string term, float boost)
    {
        if (boost <= 0 || _terms.Context(field, term) is not { } context)
        {
            return;
        }

        query.Add(new TermQuery(new Term(field, term), context) { Boost = boost }, Occur.SHOULD);
    }
}
