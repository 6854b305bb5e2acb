namespace HistoryBot.QuestionLog;

/// <summary>A question log that keeps nothing: the default where logging is off.</summary>
public sealed class NullQuestionLog : IQuestionLog
{
    public static NullQuestionLog Instance { get; } = new();

    public string Record(QuestionLogEntry entry) => Guid.NewGuid().ToString("N");

    public Task SetFeedbackAsync(string entryId, string voterKey, Feedback feedback, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
