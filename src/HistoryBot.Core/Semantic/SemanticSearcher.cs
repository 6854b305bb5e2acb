namespace HistoryBot.Core.Semantic;

/// <summary>A vector found by a <see cref="SemanticSearcher"/>: which sentence, and its cosine to the query.</summary>
internal sealed record SemanticHit(EmbeddingKey Key, float Score);

/// <summary>Top-k cosine search over the sentence vectors of an <see cref="EmbeddingStore"/>. Thread-safe.</summary>
internal sealed class SemanticSearcher
{
    // Row → ordinal of its passage in _passages: 4 bytes a sentence, where a key per row would cost a record.
    private readonly int[] _rowPassage;
    private readonly (string DocumentId, PassageEmbeddings Passage)[] _passages;

    internal SemanticSearcher(VectorSearch search, IReadOnlyList<DocumentEmbeddings> documents)
    {
        Search = search;
        _passages = documents.SelectMany(d => d.Passages.Select(p => (d.DocumentId, p))).ToArray();
        _rowPassage = new int[search.Count];
        for (var p = 0; p < _passages.Length; p++)
        {
            var passage = _passages[p].Passage;
            _rowPassage.AsSpan(passage.FirstRow, passage.SentenceCount).Fill(p);
        }
    }

    /// <summary>The underlying matrix search; row i is the sentence <see cref="KeyOf"/>(i).</summary>
    public VectorSearch Search { get; }

    public int Count => Search.Count;

    /// <summary>Which sentence row <paramref name="row"/> holds.</summary>
    public EmbeddingKey KeyOf(int row)
    {
        var (documentId, passage) = _passages[_rowPassage[row]];
        return new EmbeddingKey(documentId, passage.PassageId, row - passage.FirstRow);
    }

    /// <summary>
    /// The <paramref name="k"/> vectors most similar to <paramref name="query"/> (a unit vector), best first, among the
    /// sentences <paramref name="include"/> accepts (all when null; e.g. the documents of one scope).
    /// </summary>
    public IReadOnlyList<SemanticHit> TopK(ReadOnlySpan<float> query, int k, float minScore = float.NegativeInfinity, Func<EmbeddingKey, bool>? include = null)
    {
        var hits = Search.TopK(query, k, minScore, include is null ? null : row => include(KeyOf(row)));
        var result = new SemanticHit[hits.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new SemanticHit(KeyOf(hits[i].Index), hits[i].Score);
        }

        return result;
    }
}
