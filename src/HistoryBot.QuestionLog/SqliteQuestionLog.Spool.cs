using Microsoft.Extensions.Logging;

namespace HistoryBot.QuestionLog;

/// <summary>The spool: what a shutdown under a lock could not write, kept for the next start.</summary>
public sealed partial class SqliteQuestionLog
{
    private string? _claimedSpool;

    /// <summary>
    /// Writes what the last run left in the spool before anything new; false when the program shut down first (it is
    /// then in the spool again). A spool that can't be read is set aside with a warning, never a reason not to log.
    /// </summary>
    private async Task<bool> ImportSpoolAsync(List<WorkItem> batch)
    {
        (List<PendingItem> Items, string ClaimedPath)? spool;
        try
        {
            spool = PendingSpool.Take(_options.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            LogSpoolUnreadable(e, PendingSpool.PathFor(_options.Path));
            return true;
        }

        if (spool is not { } taken)
        {
            return true;
        }

        _claimedSpool = taken.ClaimedPath;
        batch.AddRange(taken.Items.Select(ToWorkItem));
        var failedBefore = _failing;
        if (!await WriteWithRetryAsync(batch).ConfigureAwait(false))
        {
            return false;
        }

        if (_failing && !failedBefore)
        {
            // The database can't be written at all (read-only, full): keep the spool for a run that can write it.
            TrySpool(batch);
        }
        else
        {
            LogSpoolImported(batch.Count(i => i is EntryItem), batch.Count(i => i is FeedbackItem), _options.Path);
            DeleteClaimedSpool();
        }

        batch.Clear();
        return true;
    }

    /// <summary>Shutting down with the database still locked: what is still queued goes to the spool, else is lost, and said so.</summary>
    private void GiveUpAtShutdown(List<WorkItem> batch)
    {
        while (_queue.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        if (TrySpool(batch))
        {
            foreach (var item in batch)
            {
                (item as FeedbackItem)?.Done.TrySetResult(FeedbackOutcome.Queued);
            }

            LogSpooledAtShutdown(_options.Path, _options.ShutdownWaitSeconds, batch.Count(i => i is EntryItem),
                batch.Count(i => i is FeedbackItem), PendingSpool.PathFor(_options.Path));
            return;
        }

        var lost = Drop(batch);
        LogGaveUpAtShutdown(_options.Path, _options.ShutdownWaitSeconds, lost.Entries, lost.Votes);
    }

    private bool TrySpool(List<WorkItem> batch)
    {
        try
        {
            PendingSpool.Save(_options.Path, batch.Select(ToPending));
            DeleteClaimedSpool();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSpoolUnwritable(e, PendingSpool.PathFor(_options.Path));
            return false;
        }
    }

    private void DeleteClaimedSpool()
    {
        if (_claimedSpool is { } claimed)
        {
            _claimedSpool = null;
            try
            {
                File.Delete(claimed);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogSpoolUnwritable(e, claimed);
            }
        }
    }

    private static WorkItem ToWorkItem(PendingItem item) =>
        item.Entry is { } entry
            ? new EntryItem(item.Id, entry)
            : new FeedbackItem(item.Id, item.VoterKey ?? "", item.Feedback ?? Feedback.Up, item.Time ?? DateTimeOffset.UnixEpoch);

    private static PendingItem ToPending(WorkItem item) => item switch
    {
        EntryItem entry => new PendingItem(entry.Id, Entry: entry.Entry),
        FeedbackItem vote => new PendingItem(vote.EntryId, VoterKey: vote.VoterKey, Feedback: vote.Feedback, Time: vote.Time),
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log {Path} was still locked by another program after {Seconds} s of waiting at shutdown: {Entries} question(s) and {Votes} vote(s) are kept in {Spool} and written at the next start.")]
    private partial void LogSpooledAtShutdown(string path, int seconds, int entries, int votes, string spool);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Entries} question(s) and {Votes} vote(s) kept from the last run into the question log {Path}.")]
    private partial void LogSpoolImported(int entries, int votes, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log's spool {Spool} cannot be read; it is left as it is.")]
    private partial void LogSpoolUnreadable(Exception exception, string spool);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log's spool {Spool} cannot be written.")]
    private partial void LogSpoolUnwritable(Exception exception, string spool);
}
