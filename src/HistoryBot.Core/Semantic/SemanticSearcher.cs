namespace HistoryBot.Core.Semantic;

/// <summary>A vector found by a <see cref="SemanticSearcher"/>: which passage or sentence, and its cosine to the query.</summary>
internal sealed record SemanticHit(EmbeddingKey Key, float Score);

/// <summary>Top-k cosine search over the passage or sentence vectors of an <see cref="EmbeddingStore"/>. Thread-safe.</summary>
internal sealed class SemanticSearcher
{
    private readonly IReadOnlyList<EmbeddingKey> _keys;

    internal SemanticSearcher(VectorSearch search, IReadOnlyList<EmbeddingKey> keys)
    {
        Search = search;
        _keys = keys;
    }

    /// <summary>The underlying matrix search; row i is the i-th key.</summary>
    public VectorSearch Search { get; }

    public int Count => Search.Count;

    /// <summary>The <paramref name="k"/> vectors most similar to <paramref name="query"/> (a unit vector), best first.</summary>
    public IReadOnlyList<SemanticHit> TopK(ReadOnlySpan<float> query, int k, float minScore = float.NegativeInfinity) =>
        Search.TopK(query, k, minScore).Select(h => new SemanticHit(_keys[h.Index], h.Score)).ToList();
}
