using System.ComponentModel.DataAnnotations;

namespace HistoryBot.Core.Retrieval;

/// <summary>Question analysis: how a question becomes weighted index terms (configuration section <c>Retrieval</c>).</summary>
public sealed class QuestionOptions : IValidatableObject
{
    /// <summary>Longer questions are cut to this many characters before anything else, and the answer says so.</summary>
    [Range(1, 100_000)]
    public int MaxQuestionLength { get; set; } = 2000;

    /// <summary>At most this many question words are used (the rarest ones), so huge inputs stay cheap.</summary>
    [Range(1, 1000)]
    public int MaxQuestionTerms { get; set; } = 32;

    /// <summary>Weight of a synonym from the reviewed list, relative to the question's own word.</summary>
    [Range(0.0, 1.0)]
    public double SynonymWeight { get; set; } = 0.6;

    /// <summary>Weight of a spelling correction (a fuzzy match of a word the corpus does not have).</summary>
    [Range(0.0, 1.0)]
    public double CorrectionWeight { get; set; } = 0.8;

    /// <summary>
    /// A lower-case word neither the corpus nor general prose has, one edit from a common word ("yeer", "wich", "wat"), is dropped
    /// from the question like a stop word: it is a misspelt common word, not a sign that the question is off the corpus.
    /// </summary>
    public bool DropMisspeltCommonWords { get; set; } = true;

    /// <summary>Words the corpus lacks of at least this many letters (stemmed) are corrected through up to two edits, shorter ones one.</summary>
    [Range(3, 100)]
    public int TwoEditMinimumLength { get; set; } = 8;

    /// <summary>Weight of a word-form variant ("lead" for "leader", "Marxist" for "Marx") that the stemmer does not join.</summary>
    [Range(0.0, 1.0)]
    public double VariantWeight { get; set; } = 0.7;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => OptionsValidation.NonFinite(this);
}
