namespace HistoryBot.QuestionLog;

/// <summary>A person's rating of one answer: 👍 or 👎.</summary>
public enum Feedback
{
    Up,
    Down,
}
