using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.QuestionLog;

/// <summary>
/// The question log in a SQLite file. <see cref="Record"/> and <see cref="SetFeedbackAsync"/> only queue; one
/// background writer takes what is queued in batches and writes each batch in one transaction, in order (so a vote
/// for an entry still queued lands after the entry). A database another program has locked keeps the batch: it is
/// written again with back-off (0.1 s doubling to 2 s) for as long as the lock lasts, while the rest waits in the queue
/// (up to <see cref="QuestionLogOptions.QueueCapacity"/>), so a lock held for seconds or minutes loses nothing. At
/// shutdown a lock is waited for <see cref="QuestionLogOptions.ShutdownWaitSeconds"/> at most; what is still queued
/// then is kept in a spool file beside the database (<see cref="PendingSpool"/>) and written at the next start. A
/// database that cannot be opened or written otherwise costs the entries of that batch (said in a warning, never an
/// answer); the writer tries again with the next batch.
/// </summary>
public sealed partial class SqliteQuestionLog : IQuestionLog
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>While the log can't be written, losses are summed up in a warning at most this often.</summary>
    private static readonly TimeSpan LossReportInterval = TimeSpan.FromMinutes(1);

    private readonly QuestionLogOptions _options;
    private readonly ILogger<SqliteQuestionLog> _logger;
    private readonly TimeProvider _time;
    private readonly Channel<WorkItem> _queue;
    private readonly CancellationTokenSource _giveUp = new();
    private readonly Task _writer;
    private QuestionLogDatabase? _database;
    private DateTimeOffset _lastRetention = DateTimeOffset.MinValue;
    private DateTimeOffset _lastLossReport;
    private bool _failing;
    private volatile bool _waitingForLock;
    private Losses _unreported;
    private int _queueFullWarned;
    private int _disposed;

    public SqliteQuestionLog(QuestionLogOptions options, ILogger<SqliteQuestionLog>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger<SqliteQuestionLog>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    public string Record(QuestionLogEntry entry)
    {
        var id = Guid.NewGuid().ToString("N");
        if (entry is not null && !_queue.Writer.TryWrite(new EntryItem(id, entry)))
        {
            NoteQueueFull();
        }

        return id;
    }

    public Task<FeedbackOutcome> SetFeedbackAsync(string entryId, string voterKey, Feedback feedback, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(entryId) || string.IsNullOrEmpty(voterKey))
        {
            // A click whose id was mangled on the way is not worth an exception in the bot.
            return Task.FromResult(FeedbackOutcome.NotStored);
        }

        var item = new FeedbackItem(entryId, voterKey, feedback, _time.GetUtcNow());
        if (!_queue.Writer.TryWrite(item))
        {
            NoteQueueFull();
            return Task.FromResult(FeedbackOutcome.NotStored);
        }

        // Behind a lock the vote waits its turn in the queue: say so now rather than when the lock goes.
        return _waitingForLock ? Task.FromResult(FeedbackOutcome.Queued) : OutcomeAsync(item.Done.Task, _lockFound.Task, cancellationToken);
    }

    /// <summary>
    /// Writes what is still queued, then closes the database. A database still locked by another program is waited for
    /// <see cref="QuestionLogOptions.ShutdownWaitSeconds"/> at most; what could not be written then goes to the spool
    /// file, to be written at the next start (or, when even that can't be written, is named in a warning).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            try
            {
                await _writer.WaitAsync(TimeSpan.FromSeconds(_options.ShutdownWaitSeconds), _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Only a lock can hold the writer this long (other failures drop their batch at once): stop waiting for it.
                await _giveUp.CancelAsync().ConfigureAwait(false);
            }
        }

        await _writer.ConfigureAwait(false);
        _giveUp.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<WorkItem>(MaxBatch);
        try
        {
            if (!await ImportSpoolAsync(batch).ConfigureAwait(false))
            {
                return;
            }

            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (!await WriteWithRetryAsync(batch).ConfigureAwait(false))
                {
                    return;
                }

                batch.Clear();
            }

            if (_unreported != default)
            {
                ReportLosses(recovered: false);
            }
        }
        finally
        {
            _database?.Dispose();
            _database = null;
        }
    }

    /// <summary>
    /// Writes the batch, again and again while the database is locked; false when the program shut down first (what was
    /// not written is then in the spool, or named in a warning).
    /// </summary>
    private async Task<bool> WriteWithRetryAsync(List<WorkItem> batch)
    {
        var delay = FirstRetryDelay;
        while (!WriteBatch(batch))
        {
            try
            {
                await Task.Delay(delay, _time, _giveUp.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                GiveUpAtShutdown(batch);
                return false;
            }

            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }

        return true;
    }

    /// <summary>Writes the batch; false when the database is locked: the batch is kept, to be tried again.</summary>
    private bool WriteBatch(List<WorkItem> batch)
    {
        try
        {
            var database = _database ??= QuestionLogDatabase.Open(_options.Path, _options.BusyTimeoutMilliseconds, create: true);
            ApplyRetention(database);
            var stored = new List<bool>(batch.Count);
            using (var transaction = database.Connection.BeginTransaction())
            {
                foreach (var item in batch)
                {
                    stored.Add(Write(database, transaction, item));
                }

                transaction.Commit();
            }

            for (var i = 0; i < batch.Count; i++)
            {
                (batch[i] as FeedbackItem)?.Done.TrySetResult(stored[i] ? FeedbackOutcome.Stored : FeedbackOutcome.NotStored);
            }

            if (_waitingForLock)
            {
                LockGone();
                LogLockReleased(_options.Path);
            }

            if (_failing)
            {
                _failing = false;
                ReportLosses(recovered: true);
            }

            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            // SQLITE_BUSY / SQLITE_LOCKED: another program holds the database for now. Keep the batch and come back;
            // the votes in it are told they are queued.
            _database?.Dispose();
            _database = null;
            foreach (var item in batch)
            {
                (item as FeedbackItem)?.Done.TrySetResult(FeedbackOutcome.Queued);
            }

            if (!_waitingForLock)
            {
                _waitingForLock = true;
                _lockFound.TrySetResult();
                LogLocked(e, _options.Path);
            }

            return false;
        }
        catch (Exception e)
        {
            // Whatever else went wrong (read-only, full disk, not a database, a bad path), the log must never take the
            // bot down with it. The connection may be in any state now: drop it and open afresh for the next batch.
            _database?.Dispose();
            _database = null;
            LockGone();
            var lost = Drop(batch);
            if (!_failing)
            {
                _failing = true;
                _lastLossReport = _time.GetUtcNow();
                LogWriteFailed(e, _options.Path, lost.Entries, lost.Votes);
            }
            else
            {
                _unreported += lost;
                if (_time.GetUtcNow() - _lastLossReport >= LossReportInterval)
                {
                    ReportLosses(recovered: false);
                }
            }

            return true;
        }
    }

    /// <summary>Bool: whether the item took effect (a vote for an unknown entry does not).</summary>
    private bool Write(QuestionLogDatabase database, SqliteTransaction transaction, WorkItem item)
    {
        switch (item)
        {
            case EntryItem entry:
                database.Insert(transaction, entry.Id, entry.Entry, _options.StoreUserIds);
                return true;
            case FeedbackItem vote:
                if (!database.SetFeedback(transaction, vote.EntryId, vote.VoterKey, vote.Feedback, vote.Time, _options.StoreUserIds))
                {
                    LogUnknownEntry(vote.EntryId);
                    return false;
                }

                return true;
            default:
                return false;
        }
    }

    private static Losses Drop(List<WorkItem> batch)
    {
        foreach (var item in batch)
        {
            (item as FeedbackItem)?.Done.TrySetResult(FeedbackOutcome.NotStored);
        }

        return new Losses(batch.Count(item => item is EntryItem), batch.Count(item => item is FeedbackItem));
    }

    private void ReportLosses(bool recovered)
    {
        var lost = _unreported;
        _unreported = default;
        _lastLossReport = _time.GetUtcNow();
        if (recovered && lost == default)
        {
            LogWrittenAgain(_options.Path);
        }
        else if (recovered)
        {
            LogRecovered(_options.Path, lost.Entries, lost.Votes);
        }
        else
        {
            LogStillFailing(_options.Path, lost.Entries, lost.Votes);
        }
    }

    private void ApplyRetention(QuestionLogDatabase database)
    {
        var now = _time.GetUtcNow();
        if (_options.RetentionDays <= 0 || now - _lastRetention < RetentionInterval)
        {
            return;
        }

        _lastRetention = now;
        var deleted = database.DeleteOlderThan(now.AddDays(-_options.RetentionDays));
        if (deleted > 0)
        {
            LogRetention(deleted, _options.RetentionDays);
        }
    }

    private void NoteQueueFull()
    {
        // After DisposeAsync the queue is closed too; an answer given then is not logged, quietly.
        if (!_queue.Reader.Completion.IsCompleted && Interlocked.Exchange(ref _queueFullWarned, 1) == 0)
        {
            LogQueueFull(_options.QueueCapacity);
        }
    }
}
