using HistoryBot.Core.Chunking;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Answering;

/// <summary>The bot's reply to one question: a verbatim quote with its source, or a decline with suggestions.</summary>
/// <param name="Quote">The quote, or null when the bot declined (<see cref="Answered"/> is false).</param>
/// <param name="Passages">The best passages, best first, at most five: context and "see also".</param>
/// <param name="Suggestions">When declining: closest sections or keywords the corpus does have.</param>
public sealed record Answer(
    string Question,
    bool Answered,
    Quote? Quote,
    IReadOnlyList<RankedPassage> Passages,
    IReadOnlyList<string> Suggestions,
    TimeSpan Elapsed)
{
    public const string DeclineMessage = "I couldn't find that in the corpus.";

    /// <summary>
    /// Whether the question was longer than the configured limit (<c>Retrieval:MaxQuestionLength</c>) and was cut before
    /// it was analysed: <see cref="Question"/> is then the part that was answered. Adapters say so in one line.
    /// </summary>
    public bool QuestionClipped { get; init; }

    /// <summary>
    /// The retrieval that answered: <see cref="RetrievalMode.Hybrid"/> when sentence embeddings were searched too, else
    /// <see cref="RetrievalMode.Lexical"/> (keywords only: a lexical run, or a corpus whose embeddings are not ready yet).
    /// </summary>
    public RetrievalMode Retrieval { get; init; }

    private readonly DeclineReason _reason = DeclineReason.NotFound;

    /// <summary>Why the bot declined: null when it answered, else <see cref="DeclineReason.NotFound"/> unless set.</summary>
    public DeclineReason? Reason
    {
        get => Answered ? null : _reason;
        init => _reason = value ?? DeclineReason.NotFound;
    }

    /// <summary>With <see cref="DeclineReason.SmallTalk"/>: what kind, so the reply fits it.</summary>
    public SmallTalkKind? SmallTalk { get; init; }

    /// <summary>With <see cref="DeclineReason.Language"/>: the question's language in English ("French"), when it could be told.</summary>
    public string? Language { get; init; }
}

/// <summary>One or two consecutive sentences quoted exactly as they stand in the corpus.</summary>
/// <param name="Text">The verbatim corpus text, with the words that matched the question as highlights.</param>
/// <param name="Score">Confidence in [0, 1]: how well the evidence covers the question.</param>
/// <param name="Start">Offset of the quote in the document's text.</param>
/// <param name="Page">The page of the quoted passage in formats with pages (PDF); null elsewhere.</param>
public sealed record Quote(
    HighlightedText Text,
    string DocumentId,
    string Title,
    string? Section,
    string PassageId,
    int Start,
    double Score,
    int? Page = null);

/// <summary>A passage with its relevance score for a question or query.</summary>
public sealed record RankedPassage(Passage Passage, double Score);
