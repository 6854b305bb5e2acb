using System.ComponentModel.DataAnnotations;

namespace HistoryBot.Core.Answering;

/// <summary>Confidence and abstention: when the best sentence is quoted or the bot declines (configuration section <c>Retrieval</c>).</summary>
public sealed class ConfidenceOptions : IValidatableObject
{
    /// <summary>The threshold of the hand-written confidence (<see cref="AnswerPath.Rules"/>) when none is configured.</summary>
    public const double RulesMinimumConfidence = 0.35;

    /// <summary>
    /// Who picks the sentence to quote: the hand-written sentence score, or (hybrid mode) the learned sentence model shipped
    /// with the app. The rules stay the default: the model did not beat them on the cross-validated objective of bench/eval
    /// (see its README).
    /// </summary>
    public AnswerPath AnswerPath { get; set; } = AnswerPath.Rules;

    /// <summary>
    /// Whether the confidence shown and compared with the threshold is the calibrated probability that the picked quote
    /// answers (the answer model's answerability estimate for the path that picked it; hybrid mode only), rather than the
    /// hand-written confidence (<see cref="ConfidenceEstimator"/>).
    /// </summary>
    public bool CalibratedConfidence { get; set; }

    /// <summary>
    /// Whether the hand-written confidence of the rules pick is shown, and compared with the threshold, through the map
    /// the trainer fitted to the share of right answers (<see cref="AnswerModel.HandScale"/>; hybrid mode only). The map
    /// is increasing and the default threshold is mapped with it, so it changes what the confidence says, not which
    /// questions are answered. False: the hand-written confidence as computed.
    /// </summary>
    public bool CalibratedHandConfidence { get; set; } = true;

    /// <summary>
    /// Answers whose confidence is below this are declined. Unset: the answer path's own, the threshold chosen by
    /// cross-validation when the model was trained (calibrated confidence) or <see cref="RulesMinimumConfidence"/> (through
    /// the hand confidence's map when <see cref="CalibratedHandConfidence"/>).
    /// </summary>
    [Range(0.0, 1.0)]
    public double? MinimumConfidence { get; set; }

    /// <summary>Share of the answer confidence that comes from embedding similarity (hybrid mode).</summary>
    [Range(0.0, 1.0)]
    public double SemanticConfidenceShare { get; set; } = 0.5;

    /// <summary>Confidence is multiplied by (1 - this) for each rare question word the corpus lacks entirely.</summary>
    [Range(0.0, 1.0)]
    public double AbsentWordPenalty { get; set; } = 0.2;

    /// <summary>How rare in general prose (background IDF) an absent word must be to count against an answer.</summary>
    [Range(0.0, 20.0)]
    public double AbsentWordMinimumRarity { get; set; } = 3.5;

    /// <summary>
    /// Confidence is multiplied by (1 - this) for each name or number in the question ("Stalin" in "When did Stalin
    /// die?") that the corpus has but that is nowhere in the quoted sentence's document.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MissingNamePenalty { get; set; }

    /// <summary>
    /// As <see cref="MissingNamePenalty"/>, for a name that is in the quoted sentence's document but not in the sentence
    /// or its neighbours: weaker evidence that the sentence is about something else.
    /// </summary>
    [Range(0.0, 1.0)]
    public double DistantNamePenalty { get; set; }

    /// <summary>
    /// Confidence is multiplied by (1 - this) when only the question's names match near the quoted sentence and none of
    /// its other words do ("Where was Trotsky born?" against a sentence about Trotsky's exile).
    /// </summary>
    [Range(0.0, 1.0)]
    public double OnlyNamesMatchPenalty { get; set; } = 0.2;

    /// <summary>
    /// Confidence is multiplied by (1 - this) when the quoted sentence says what is asked about someone the question does
    /// not name ("When did Stalin die?" against "after Lenin's death in 1924").
    /// </summary>
    [Range(0.0, 1.0)]
    public double OtherSubjectPenalty { get; set; } = 0.5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => OptionsValidation.NonFinite(this);
}

/// <summary>Who picks the quote (<c>Retrieval:AnswerPath</c>); <see cref="ConfidenceOptions.CalibratedConfidence"/> says who decides.</summary>
public enum AnswerPath
{
    /// <summary>The learned sentence model (<see cref="AnswerModel"/>): the most probable shortlisted sentence.</summary>
    Learned,

    /// <summary>The hand-written sentence score (one of the model's inputs).</summary>
    Rules,
}
