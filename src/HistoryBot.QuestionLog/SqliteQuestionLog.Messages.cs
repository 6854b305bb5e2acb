using Microsoft.Extensions.Logging;

namespace HistoryBot.QuestionLog;

/// <summary>What the question log's writer says, and what it queues.</summary>
public sealed partial class SqliteQuestionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log {Path} cannot be written; answers go on without it. Not stored: {Entries} question(s), {Votes} vote(s).")]
    private partial void LogWriteFailed(Exception exception, string path, int entries, int votes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log {Path} still cannot be written. Not stored since the last warning: {Entries} question(s), {Votes} vote(s).")]
    private partial void LogStillFailing(string path, int entries, int votes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log {Path} is written again. Not stored meanwhile (besides those warned of before): {Entries} question(s), {Votes} vote(s).")]
    private partial void LogRecovered(string path, int entries, int votes);

    [LoggerMessage(Level = LogLevel.Information, Message = "The question log {Path} is written again.")]
    private partial void LogWrittenAgain(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log {Path} is locked by another program; its entries wait and are written when it is free.")]
    private partial void LogLocked(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "The question log {Path} is free again; the waiting entries are written.")]
    private partial void LogLockReleased(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log {Path} was still locked by another program after {Seconds} s of waiting at shutdown. Not stored: {Entries} question(s), {Votes} vote(s).")]
    private partial void LogGaveUpAtShutdown(string path, int seconds, int entries, int votes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log's queue is full ({Capacity}); further entries are dropped until it drains.")]
    private partial void LogQueueFull(int capacity);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feedback for an unknown question log entry {EntryId} ignored.")]
    private partial void LogUnknownEntry(string entryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} question log entries older than {Days} days.")]
    private partial void LogRetention(int count, int days);

    /// <summary>Entries and votes that could not be stored.</summary>
    private readonly record struct Losses(int Entries, int Votes)
    {
        public static Losses operator +(Losses a, Losses b) => new(a.Entries + b.Entries, a.Votes + b.Votes);
    }

    private abstract record WorkItem;

    private sealed record EntryItem(string Id, QuestionLogEntry Entry) : WorkItem;

    private sealed record FeedbackItem(string EntryId, string VoterKey, Feedback Feedback, DateTimeOffset Time) : WorkItem
    {
        public TaskCompletionSource<FeedbackOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
