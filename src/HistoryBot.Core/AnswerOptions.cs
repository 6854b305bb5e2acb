using HistoryBot.Core.Answering;
using HistoryBot.Core.Retrieval;

namespace HistoryBot.Core;

/// <summary>
/// The options of every stage of the answer path, one class per stage. All are bound from the configuration section
/// <c>Retrieval</c> with flat keys (<c>Retrieval:MinimumConfidence</c>, <c>Retrieval:TitleBoost</c>, ...).
/// </summary>
public sealed class AnswerOptions
{
    /// <summary>Question analysis.</summary>
    public QuestionOptions Questions { get; init; } = new();

    /// <summary>Candidate retrieval (including the mode: lexical or hybrid).</summary>
    public RetrievalOptions Retrieval { get; init; } = new();

    /// <summary>Sentence scoring.</summary>
    public ScoringOptions Scoring { get; init; } = new();

    /// <summary>Confidence and abstention.</summary>
    public ConfidenceOptions Confidence { get; init; } = new();

    /// <summary>Quote building.</summary>
    public QuoteOptions Quotes { get; init; } = new();

    /// <summary>Every stage's options object, for binding and validation.</summary>
    public IEnumerable<object> Stages => [Questions, Retrieval, Scoring, Confidence, Quotes];
}
