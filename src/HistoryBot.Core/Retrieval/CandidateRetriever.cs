using HistoryBot.Core.Chunking;

namespace HistoryBot.Core.Retrieval;

/// <summary>A passage whose sentences will be scored for an answer.</summary>
/// <param name="LexicalScore">BM25 score of the keyword search; 0 for a passage only the semantic search found.</param>
/// <param name="Similarities">Embedding similarity (cosine) of the question to each sentence of the passage, in order
/// (null for a sentence without a vector); null in lexical mode.</param>
internal sealed record CandidatePassage(Passage Passage, double LexicalScore, IReadOnlyList<float?>? Similarities);

/// <summary>Sentence embeddings for the candidate retrieval stage (hybrid mode).</summary>
internal interface ISentenceVectors
{
    /// <summary>The question's embedding (a unit vector).</summary>
    float[] EmbedQuery(string question, CancellationToken cancellationToken);

    /// <summary>The passages holding the <paramref name="k"/> sentences most similar to the query, best sentence first (ids may repeat).</summary>
    IEnumerable<string> PassagesOfTopSentences(float[] query, int k);

    /// <summary>Cosine of the query to one sentence of a passage, or null when it has no vector.</summary>
    float? SentenceSimilarity(float[] query, string passageId, int sentenceIndex);
}

/// <summary>
/// The candidate retrieval stage: the best keyword passages, then (hybrid mode) the passages of the sentences most similar
/// to the question that keywords missed, each with the question's similarity to every one of its sentences. The only
/// place lexical and semantic candidates are fused.
/// </summary>
internal sealed class CandidateRetriever(ILexicalRetriever lexical, ISentenceVectors? semantic, RetrievalOptions options)
{
    /// <summary>How many of the best keyword passages have their sentences scored.</summary>
    public const int LexicalPassagesScored = 10;

    /// <summary>Whether semantic candidates and similarities are added (hybrid mode with embeddings available).</summary>
    public bool IsHybrid => semantic is not null;

    /// <summary>
    /// Semantic hits are over-fetched this many times over (and again, while too few are in scope and more exist) when a
    /// scope hides part of the corpus, so a scope still gets its full share of semantic candidates.
    /// </summary>
    private const int ScopeOversampling = 4;

    /// <summary>The most semantic hits fetched to fill a scope's share (beyond it a scope gets fewer candidates).</summary>
    private const int MaxScopedSemanticHits = 1 << 16;

    public IReadOnlyList<CandidatePassage> Retrieve(QuestionAnalysis question, CancellationToken cancellationToken) =>
        Retrieve(question, AnswerScope.Everything, cancellationToken);

    /// <summary>The candidates among the documents in <paramref name="scope"/> only, keyword and semantic alike.</summary>
    public IReadOnlyList<CandidatePassage> Retrieve(QuestionAnalysis question, AnswerScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var retrieved = lexical.Retrieve(question, options.CandidatePassages, scope).Take(LexicalPassagesScored).ToList();
        if (semantic is null)
        {
            return retrieved.Select(r => new CandidatePassage(r.Passage, r.Score, null)).ToList();
        }

        var query = semantic.EmbedQuery(question.Question, cancellationToken);
        var known = retrieved.Select(c => c.Passage.Id).ToHashSet(StringComparer.Ordinal);
        var extra = TopSemanticPassages(query, scope).Where(known.Add).ToList();
        retrieved.AddRange(lexical.Fetch(extra));
        return retrieved
            .Select(r => new CandidatePassage(r.Passage, r.Score, Similarities(query, r.Passage)))
            .ToList();
    }

    /// <summary>
    /// The passages of the <see cref="RetrievalOptions.SemanticCandidates"/> sentences most similar to the query among the
    /// documents in <paramref name="scope"/>: the sentence search knows no scopes, so it is asked for more hits until
    /// enough are in scope or there are no more.
    /// </summary>
    private IEnumerable<string> TopSemanticPassages(float[] query, AnswerScope scope)
    {
        var wanted = options.SemanticCandidates;
        if (scope.IsEverything)
        {
            return semantic!.PassagesOfTopSentences(query, wanted);
        }

        for (var asked = wanted * ScopeOversampling; ; asked *= ScopeOversampling)
        {
            var hits = semantic!.PassagesOfTopSentences(query, asked).ToList();
            // A passage id starts with its document id ("uploads/123/notes.md#4"), so it tells the scope as well.
            var inScope = hits.Where(scope.IncludesDocument).ToList();
            if (inScope.Count >= wanted || hits.Count < asked || asked >= MaxScopedSemanticHits)
            {
                return inScope.Take(wanted);
            }
        }
    }

    private float?[] Similarities(float[] query, Passage passage)
    {
        var similarities = new float?[passage.Sentences.Count];
        for (var i = 0; i < similarities.Length; i++)
        {
            similarities[i] = semantic!.SentenceSimilarity(query, passage.Id, i);
        }

        return similarities;
    }
}
