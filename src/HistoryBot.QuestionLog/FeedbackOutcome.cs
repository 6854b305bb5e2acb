namespace HistoryBot.QuestionLog;

/// <summary>What became of a vote, so that nobody is told "noted" for a vote that was not kept.</summary>
public enum FeedbackOutcome
{
    /// <summary>Written to the log.</summary>
    Stored,

    /// <summary>
    /// Waiting in the queue: another program holds the database for now, and the vote is written when it lets go
    /// (unless the bot shuts down first and the lock outlasts <c>Log:ShutdownWaitSeconds</c>, which is logged).
    /// </summary>
    Queued,

    /// <summary>Not kept: the log can't be written, its queue is full, it is shutting down, or the entry is unknown.</summary>
    NotStored,
}
