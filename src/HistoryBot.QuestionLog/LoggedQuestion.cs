namespace HistoryBot.QuestionLog;

/// <summary>One entry read back from the log, with its votes.</summary>
/// <param name="Id">The id <see cref="IQuestionLog.Record"/> returned.</param>
/// <param name="Entry">The entry as recorded (<see cref="QuestionLogEntry.UserId"/> only when user ids are stored).</param>
/// <param name="Up">👍 votes.</param>
/// <param name="Down">👎 votes.</param>
public sealed record LoggedQuestion(string Id, QuestionLogEntry Entry, int Up, int Down)
{
    /// <summary>The verdict: 👍 when more people voted up than down, 👎 the other way round, else none.</summary>
    public Feedback? Feedback => Up > Down ? QuestionLog.Feedback.Up : Down > Up ? QuestionLog.Feedback.Down : null;
}

/// <summary>Which entries to read: all filters are optional and combine with AND.</summary>
/// <param name="UnansweredOnly">Only questions the bot declined.</param>
/// <param name="Feedback">Only entries whose verdict is this.</param>
/// <param name="Since">Only entries asked at or after this time.</param>
/// <param name="Limit">At most this many (the newest ones).</param>
/// <param name="OldestFirst">Order oldest first (the default is newest first).</param>
public sealed record QuestionLogQuery(
    bool UnansweredOnly = false,
    Feedback? Feedback = null,
    DateTimeOffset? Since = null,
    int? Limit = null,
    bool OldestFirst = false);

/// <summary>What the log holds over a period: per day, answered share, votes and the questions most often declined.</summary>
public sealed record QuestionLogSummary(
    int Questions,
    int Answered,
    int Up,
    int Down,
    IReadOnlyList<QuestionLogDay> Days,
    IReadOnlyList<QuestionCount> TopUnanswered);

/// <summary>Questions asked on one UTC day, and how many were answered.</summary>
public sealed record QuestionLogDay(DateOnly Day, int Questions, int Answered);

/// <summary>A question (lower-cased) and how often it was asked.</summary>
public sealed record QuestionCount(string Question, int Count);
