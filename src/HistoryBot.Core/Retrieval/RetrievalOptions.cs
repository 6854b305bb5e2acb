using System.ComponentModel.DataAnnotations;

namespace HistoryBot.Core.Retrieval;

/// <summary>How passages and sentences are found: keywords only, or keywords plus sentence embeddings.</summary>
public enum RetrievalMode
{
    Lexical,
    Hybrid,
}

public sealed class RetrievalOptions
{
    /// <summary>Lexical (BM25 only) or hybrid (BM25 plus sentence embeddings from a model shipped in a package).</summary>
    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    /// <summary>How many sentences the semantic search adds as candidates (hybrid mode).</summary>
    [Range(0, 500)]
    public int SemanticCandidates { get; set; } = 20;

    /// <summary>Weight of a sentence's embedding similarity in its score, next to the lexical features (hybrid mode).</summary>
    [Range(0.0, 10.0)]
    public double SemanticWeight { get; set; } = 1.0;

    /// <summary>Share of the answer confidence that comes from embedding similarity (hybrid mode).</summary>
    [Range(0.0, 1.0)]
    public double SemanticConfidenceShare { get; set; } = 0.5;

    /// <summary>Embedding similarity (cosine) at or below which a sentence counts as unrelated (confidence 0 from it).</summary>
    [Range(-1.0, 1.0)]
    public double SemanticFloor { get; set; } = 0.45;

    /// <summary>Embedding similarity at or above which a sentence counts as a full semantic match.</summary>
    [Range(-1.0, 1.0)]
    public double SemanticCeiling { get; set; } = 0.9;

    /// <summary>
    /// A corpus with more sentences than this is not embedded on the fly (it would take long on a small machine):
    /// the bot says so and answers lexically. Embeddings already on disk are used whatever the size.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxSentencesToEmbed { get; set; } = 50_000;

    /// <summary>How many passages are retrieved for answer selection.</summary>
    [Range(1, 200)]
    public int CandidatePassages { get; set; } = 20;

    /// <summary>Query-time boost of a match in the section heading, relative to the passage text.</summary>
    [Range(0.0, 10.0)]
    public double SectionBoost { get; set; } = 0.5;

    /// <summary>Query-time boost of a match in the document title, relative to the passage text.</summary>
    [Range(0.0, 10.0)]
    public double TitleBoost { get; set; } = 0.5;

    /// <summary>Weight of a synonym from the reviewed list, relative to the question's own word.</summary>
    [Range(0.0, 1.0)]
    public double SynonymWeight { get; set; } = 0.6;

    /// <summary>Weight of a spelling correction (a fuzzy match of a word the corpus does not have).</summary>
    [Range(0.0, 1.0)]
    public double CorrectionWeight { get; set; } = 0.8;

    /// <summary>Weight of a word-form variant ("lead" for "leader", "Marxist" for "Marx") that the stemmer does not join.</summary>
    [Range(0.0, 1.0)]
    public double VariantWeight { get; set; } = 0.7;

    /// <summary>Boost of question word pairs found near each other in a passage.</summary>
    [Range(0.0, 10.0)]
    public double PhraseBoost { get; set; } = 0.3;

    /// <summary>Answers whose confidence is below this are declined.</summary>
    [Range(0.0, 1.0)]
    public double MinimumConfidence { get; set; } = 0.35;

    /// <summary>Weight of the passage's BM25 score (relative to the best passage) in each of its sentences' scores.</summary>
    [Range(0.0, 10.0)]
    public double PassageWeight { get; set; } = 0.3;

    /// <summary>Confidence is multiplied by (1 - this) for each rare question word the corpus lacks entirely.</summary>
    [Range(0.0, 1.0)]
    public double AbsentWordPenalty { get; set; } = 0.2;

    /// <summary>How rare in general prose (background IDF) an absent word must be to count against an answer.</summary>
    [Range(0.0, 20.0)]
    public double AbsentWordMinimumRarity { get; set; } = 3.5;

    /// <summary>
    /// Confidence is multiplied by (1 - this) for each name in the question ("Stalin" in "When did Stalin die?") that the
    /// corpus has but that is not in the quoted sentence, its neighbours, its section heading or its document title.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MissingNamePenalty { get; set; } = 0.3;

    /// <summary>
    /// Confidence is multiplied by (1 - this) when only the question's names match near the quoted sentence and none of
    /// its other words do ("Where was Trotsky born?" against a sentence about Trotsky's exile).
    /// </summary>
    [Range(0.0, 1.0)]
    public double OnlyNamesMatchPenalty { get; set; } = 0.2;

    /// <summary>The most characters a quote may have.</summary>
    [Range(80, 2000)]
    public int MaxQuoteChars { get; set; } = 300;

    /// <summary>A best sentence shorter than this is quoted with the sentence after it, which often completes it.</summary>
    [Range(0, 2000)]
    public int ShortSentenceChars { get; set; } = 150;

    /// <summary>At most this many question words are used (the rarest ones), so huge inputs stay cheap.</summary>
    [Range(1, 1000)]
    public int MaxQuestionTerms { get; set; } = 32;
}
