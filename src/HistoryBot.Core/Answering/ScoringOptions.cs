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
