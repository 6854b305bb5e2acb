namespace HistoryBot.QuestionLog;

public sealed partial class SqliteQuestionLog
{
    // Completed when the writer finds the database locked, so that a vote queued behind the batch being tried learns it
    // is queued instead of waiting in the channel until the lock goes (the batch is retried alone); renewed once the
    // lock is gone.
    private volatile TaskCompletionSource _lockFound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The vote's outcome once written, or <see cref="FeedbackOutcome.Queued"/> as soon as a lock is found.</summary>
    private static async Task<FeedbackOutcome> OutcomeAsync(Task<FeedbackOutcome> done, Task lockFound, CancellationToken cancellationToken) =>
        await Task.WhenAny(done, lockFound).WaitAsync(cancellationToken).ConfigureAwait(false) == done
            ? await done.ConfigureAwait(false)
            : FeedbackOutcome.Queued;

    private void LockGone()
    {
        _waitingForLock = false;
        if (_lockFound.Task.IsCompleted)
        {
            _lockFound = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
