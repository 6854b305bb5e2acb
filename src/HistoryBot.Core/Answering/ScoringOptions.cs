using System.ComponentModel.DataAnnotations;

namespace HistoryBot.Core.Answering;

/// <summary>Sentence scoring: how the candidate sentences are ranked (configuration section <c>Retrieval</c>).</summary>
public sealed class ScoringOptions : IValidatableObject
{
    /// <summary>Weight of the passage's BM25 score (relative to the best passage) in each of its sentences' scores.</summary>
    [Range(0.0, 10.0)]
    public double PassageWeight { get; set; } = 0.3;

    /// <summary>Weight of a sentence's embedding similarity in its score, next to the lexical features (hybrid mode).</summary>
    [Range(0.0, 10.0)]
    public double SemanticWeight { get; set; } = 1.0;

    /// <summary>Embedding similarity (cosine) at or below which a sentence counts as unrelated (0 from it).</summary>
    [Range(-1.0, 1.0)]
    public double SemanticFloor { get; set; } = 0.45;

    /// <summary>Embedding similarity at or above which a sentence counts as a full semantic match.</summary>
    [Range(-1.0, 1.0)]
    public double SemanticCeiling { get; set; } = 0.9;

    /// <summary>
    /// Subtracted from the score of a sentence that says what is asked about someone the question does not name ("after
    /// Lenin's death" for "When did Trotsky die?"), so that a sentence about the question's subject wins.
    /// </summary>
    [Range(0.0, 10.0)]
    public double OtherSubjectScorePenalty { get; set; } = 0.5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in OptionsValidation.NonFinite(this))
        {
            yield return result;
        }

        if (SemanticFloor >= SemanticCeiling)
        {
            yield return new ValidationResult(
                $"must be below SemanticCeiling ({SemanticCeiling}), not {SemanticFloor}.", [nameof(SemanticFloor)]);
        }
    }
}
