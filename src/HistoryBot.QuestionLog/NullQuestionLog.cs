namespace HistoryBot.QuestionLog;

/// <summary>A question log that keeps nothing: the default where logging is off.</summary>
public sealed class NullQuestionLog : IQuestionLog
{
    public static NullQuestionLog Instance { get; } = new();

    public string Record(QuestionLogEntry entry) => Guid.NewGuid().ToString("N");

    public Task<FeedbackOutcome> SetFeedbackAsync(string entryId, string voterKey, Feedback feedback, CancellationToken cancellationToken) =>
        Task.FromResult(FeedbackOutcome.NotStored);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
