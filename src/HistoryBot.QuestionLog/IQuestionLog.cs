namespace HistoryBot.QuestionLog;

/// <summary>
/// Where the bot's adapters record what was asked and how it was answered, and how people rated the answers.
/// Logging never delays or fails an answer: <see cref="Record"/> only queues.
/// </summary>
public interface IQuestionLog : IAsyncDisposable
{
    /// <summary>Queues an entry and returns its id (32 hex characters, made in-process). Never blocks, never throws.</summary>
    string Record(QuestionLogEntry entry);

    /// <summary>
    /// Rates an entry: one vote per (entry, voter); a second vote by the same voter replaces the first. Works for an
    /// entry written before a restart and for one still queued (the vote is applied after it). Completes once the vote
    /// is written (<see cref="FeedbackOutcome.Stored"/>), known to wait for a database another program has locked
    /// (<see cref="FeedbackOutcome.Queued"/>: it is written when the lock goes), or could not be stored
    /// (<see cref="FeedbackOutcome.NotStored"/>; a failure is logged, never thrown).
    /// </summary>
    /// <param name="entryId">The id <see cref="Record"/> returned.</param>
    /// <param name="voterKey">Who voted, e.g. a Discord user id in decimal (the same form as
    /// <see cref="QuestionLogEntry.UserId"/>, so that erasing a user finds their votes). Stored as a salted hash
    /// unless <c>Log:StoreUserIds</c> is true.</param>
    /// <param name="feedback">The vote.</param>
    /// <param name="cancellationToken">Stops waiting (the vote may still be written).</param>
    Task<FeedbackOutcome> SetFeedbackAsync(string entryId, string voterKey, Feedback feedback, CancellationToken cancellationToken);
}
