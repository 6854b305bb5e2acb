using System.ComponentModel.DataAnnotations;

namespace HistoryBot.Core.Retrieval;

/// <summary>How passages and sentences are found: keywords only, or keywords plus sentence embeddings.</summary>
public enum RetrievalMode
{
    Lexical,
    Hybrid,
}

/// <summary>
/// Candidate retrieval: which passages are scored for an answer (configuration section <c>Retrieval</c>, as are the
/// other stages' options: the keys are flat, e.g. <c>Retrieval:TitleBoost</c>, <c>Retrieval:MinimumConfidence</c>).
/// </summary>
public sealed class RetrievalOptions : IValidatableObject
{
    /// <summary>Lexical (BM25 only) or hybrid (BM25 plus sentence embeddings from a model shipped in a package).</summary>
    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    /// <summary>How many sentences the semantic search adds as candidates (hybrid mode).</summary>
    [Range(0, 500)]
    public int SemanticCandidates { get; set; } = 20;

    /// <summary>
    /// Whether the first answers wait for the corpus's sentences to be embedded: up to this many sentences they do; a
    /// larger corpus is answered lexically at once while chat and discord embed it in the background and then switch to
    /// hybrid (batch ask and eval stay lexical for the whole run). Embeddings already on disk are used whatever the size.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxSentencesToEmbed { get; set; } = 50_000;

    /// <summary>How many passages are retrieved by keywords; the best <see cref="CandidateRetriever.LexicalPassagesScored"/> of them are scored.</summary>
    [Range(1, 200)]
    public int CandidatePassages { get; set; } = 20;

    /// <summary>Query-time boost of a match in the section heading, relative to the passage text (questions and `search`).</summary>
    [Range(0.0, 10.0)]
    public double SectionBoost { get; set; } = 0.5;

    /// <summary>Query-time boost of a match in the document title, relative to the passage text (questions and `search`).</summary>
    [Range(0.0, 10.0)]
    public double TitleBoost { get; set; } = 0.5;

    /// <summary>Boost of question word pairs found near each other in a passage.</summary>
    [Range(0.0, 10.0)]
    public double PhraseBoost { get; set; } = 0.3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => OptionsValidation.NonFinite(this);
}
