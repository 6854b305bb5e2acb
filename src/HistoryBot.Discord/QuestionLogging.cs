using HistoryBot.QuestionLog;

namespace HistoryBot.Discord;

/// <summary>Where the bot records its answers (and the 👍/👎 clicks on them), and the retrieval mode to record with them.</summary>
public sealed record QuestionLogging(IQuestionLog Log, string RetrievalMode)
{
    /// <summary>Nothing is recorded; the buttons still appear and clicks are still acknowledged.</summary>
    public static QuestionLogging None { get; } = new(NullQuestionLog.Instance, "unknown");
}
