using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.QuestionLog;

/// <summary>
/// The question log in a SQLite file. <see cref="Record"/> and <see cref="SetFeedbackAsync"/> only queue; one
/// background writer takes what is queued in batches and writes each batch in one transaction, in order (so a vote
/// for an entry still queued lands after the entry). A database another program has locked keeps the batch: it is
/// written again with back-off (0.1 s doubling to 2 s) for up to a minute while the rest waits in the queue, so a lock
/// held for seconds loses nothing. A database that cannot be opened or written otherwise costs a warning and the entries
/// of that batch, never an answer; the writer tries again with the next batch.
/// </summary>
public sealed partial class SqliteQuestionLog : IQuestionLog
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxLockWait = TimeSpan.FromMinutes(1);

    private readonly QuestionLogOptions _options;
    private readonly ILogger<SqliteQuestionLog> _logger;
    private readonly TimeProvider _time;
    private readonly Channel<WorkItem> _queue;
    private readonly Task _writer;
    private QuestionLogDatabase? _database;
    private DateTimeOffset _lastRetention = DateTimeOffset.MinValue;
    private bool _failing;
    private bool _waitingForLock;
    private int _lost;
    private int _queueFullWarned;

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

    public Task SetFeedbackAsync(string entryId, string voterKey, Feedback feedback, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(entryId) || string.IsNullOrEmpty(voterKey))
        {
            // A click whose id was mangled on the way is not worth an exception in the bot.
            return Task.CompletedTask;
        }

        var item = new FeedbackItem(entryId, voterKey, feedback, _time.GetUtcNow());
        if (!_queue.Writer.TryWrite(item))
        {
            NoteQueueFull();
            return Task.CompletedTask;
        }

        return item.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes what is still queued, then closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<WorkItem>(MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                var delay = FirstRetryDelay;
                var giveUpAt = _time.GetUtcNow() + MaxLockWait;
                while (!WriteBatch(batch, canWait: _time.GetUtcNow() < giveUpAt))
                {
                    await Task.Delay(delay, _time).ConfigureAwait(false);
                    delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
                }

                batch.Clear();
            }
        }
        finally
        {
            _database?.Dispose();
            _database = null;
        }
    }

    /// <summary>Writes the batch; false when the database is locked and <paramref name="canWait"/>: try again later.</summary>
    private bool WriteBatch(List<WorkItem> batch, bool canWait)
    {
        var done = true;
        try
        {
            var database = _database ??= QuestionLogDatabase.Open(_options.Path, _options.BusyTimeoutMilliseconds, create: true);
            ApplyRetention(database);
            using (var transaction = database.Connection.BeginTransaction())
            {
                foreach (var item in batch)
                {
                    Write(database, transaction, item);
                }

                transaction.Commit();
            }

            if (_waitingForLock)
            {
                _waitingForLock = false;
                LogLockReleased(_options.Path);
            }

            if (_failing)
            {
                _failing = false;
                LogRecovered(_options.Path, _lost);
                _lost = 0;
            }
        }
        catch (SqliteException e) when (canWait && e.SqliteErrorCode is 5 or 6)
        {
            // SQLITE_BUSY / SQLITE_LOCKED: another program holds the database for now. Keep the batch and come back.
            _database?.Dispose();
            _database = null;
            done = false;
            if (!_waitingForLock)
            {
                _waitingForLock = true;
                LogLocked(e, _options.Path);
            }
        }
        catch (Exception e)
        {
            // Whatever went wrong (locked, read-only, full disk, not a database, a bad path), the log must never take
            // the bot down with it.
            // The connection may be in any state now: drop it and open afresh for the next batch.
            _database?.Dispose();
            _database = null;
            _lost += batch.Count(item => item is EntryItem);
            _waitingForLock = false;

            if (!_failing)
            {
                _failing = true;
                LogWriteFailed(e, _options.Path);
            }
            else
            {
                LogStillFailing(e, _options.Path);
            }
        }
        finally
        {
            if (done)
            {
                foreach (var item in batch)
                {
                    (item as FeedbackItem)?.Done.TrySetResult();
                }
            }
        }

        return done;
    }

    private void Write(QuestionLogDatabase database, SqliteTransaction transaction, WorkItem item)
    {
        switch (item)
        {
            case EntryItem entry:
                database.Insert(transaction, entry.Id, entry.Entry, _options.StoreUserIds);
                break;
            case FeedbackItem vote:
                if (!database.SetFeedback(transaction, vote.EntryId, vote.VoterKey, vote.Feedback, vote.Time, _options.StoreUserIds))
                {
                    LogUnknownEntry(vote.EntryId);
                }

                break;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log {Path} cannot be written; answers go on without it.")]
    private partial void LogWriteFailed(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The question log {Path} still cannot be written.")]
    private partial void LogStillFailing(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log {Path} is locked by another program; its entries wait and are written when it is free.")]
    private partial void LogLocked(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "The question log {Path} is free again; the waiting entries are written.")]
    private partial void LogLockReleased(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "The question log {Path} is written again; {Lost} entries were not logged.")]
    private partial void LogRecovered(string path, int lost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The question log's queue is full ({Capacity}); further entries are dropped until it drains.")]
    private partial void LogQueueFull(int capacity);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feedback for an unknown question log entry {EntryId} ignored.")]
    private partial void LogUnknownEntry(string entryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} question log entries older than {Days} days.")]
    private partial void LogRetention(int count, int days);

    private abstract record WorkItem;

    private sealed record EntryItem(string Id, QuestionLogEntry Entry) : WorkItem;

    private sealed record FeedbackItem(string EntryId, string VoterKey, Feedback Feedback, DateTimeOffset Time) : WorkItem
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
