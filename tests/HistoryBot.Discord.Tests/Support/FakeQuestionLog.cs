using System.Collections.Concurrent;
using HistoryBot.QuestionLog;

namespace HistoryBot.Discord.Tests.Support;

/// <summary>An in-memory <see cref="IQuestionLog"/>: what was recorded, and every vote in the order it came.</summary>
internal sealed class FakeQuestionLog : IQuestionLog
{
    private int _next;

    public ConcurrentDictionary<string, QuestionLogEntry> Entries { get; } = new();

    public ConcurrentQueue<(string EntryId, string Voter, Feedback Vote)> Votes { get; } = new();

    public string Record(QuestionLogEntry entry)
    {
        var id = Interlocked.Increment(ref _next).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        Entries[id] = entry;
        return id;
    }

    /// <summary>What every vote comes to; a vote not stored is not kept in <see cref="Votes"/>.</summary>
    public FeedbackOutcome Outcome { get; init; } = FeedbackOutcome.Stored;

    public Task<FeedbackOutcome> SetFeedbackAsync(string entryId, string voterKey, Feedback feedback, CancellationToken cancellationToken)
    {
        if (Outcome != FeedbackOutcome.NotStored)
        {
            Votes.Enqueue((entryId, voterKey, feedback));
        }

        return Task.FromResult(Outcome);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
