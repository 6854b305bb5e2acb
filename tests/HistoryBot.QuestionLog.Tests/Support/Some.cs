namespace HistoryBot.QuestionLog.Tests.Support;

/// <summary>Makes log entries for tests.</summary>
public static class Some
{
    public static QuestionLogEntry Entry(string question = "When did Lenin die?", bool answered = true, DateTimeOffset? time = null, ulong? userId = null) =>
        new(
            time ?? DateTimeOffset.UtcNow,
            "chat",
            question,
            null,
            answered,
            answered ? "Lenin died in 1924." : null,
            answered ? "lenin-and-trotsky.txt" : null,
            answered ? "Trotsky Vs. Stalin" : null,
            answered ? 0.7 : 0.1,
            "lexical",
            3.5,
            UserId: userId);
}
