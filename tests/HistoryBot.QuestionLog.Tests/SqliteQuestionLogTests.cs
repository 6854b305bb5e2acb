using System.Globalization;
using System.Text;
using HistoryBot.QuestionLog.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace HistoryBot.QuestionLog.Tests;

public sealed class SqliteQuestionLogTests : IDisposable
{
    private readonly LogFolder _folder = new();

    [Fact]
    public async Task Record_HundredsConcurrently_NoneLostAfterDispose()
    {
        var log = new SqliteQuestionLog(_folder.Options());
        var tasks = Enumerable.Range(0, 20).Select(t => Task.Run(() =>
            Enumerable.Range(0, 25).Select(i => log.Record(Some.Entry($"question {t}-{i}"))).ToList()));

        var ids = (await Task.WhenAll(tasks)).SelectMany(list => list).ToList();
        await log.DisposeAsync();

        Assert.Equal(500, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(ids.Order(), _folder.Column("SELECT id FROM entries ORDER BY id").Order());
    }

    [Fact]
    public async Task Record_FullEntry_StoresEveryField()
    {
        var time = new DateTimeOffset(2026, 11, 29, 22, 0, 0, TimeSpan.FromHours(2));
        var entry = new QuestionLogEntry(time, "discord", "When did he die?", "When did Lenin die?", true, "Lenin died in 1924.",
            "lenin-and-trotsky.txt", "Trotsky Vs. Stalin", 0.71, "hybrid", 8.5, GuildId: 111, ChannelId: 222);
        await using (var log = new SqliteQuestionLog(_folder.Options()))
        {
            log.Record(entry);
        }

        Assert.Equal(
            ["2026-11-29T20:00:00.0000000Z|discord|When did he die?|When did Lenin die?|1|Lenin died in 1924.|lenin-and-trotsky.txt|Trotsky Vs. Stalin|0.71|hybrid|8.5|111|222"],
            _folder.Column(
                "SELECT time || '|' || source || '|' || question || '|' || resolved_question || '|' || answered || '|' || quote || '|' || " +
                "document || '|' || section || '|' || score || '|' || retrieval_mode || '|' || elapsed_ms || '|' || guild_id || '|' || channel_id FROM entries"));
    }

    [Fact]
    public async Task SetFeedback_AfterRestart_AppliesToEarlierEntry()
    {
        string id;
        await using (var before = new SqliteQuestionLog(_folder.Options()))
        {
            id = before.Record(Some.Entry());
        }

        await using (var after = new SqliteQuestionLog(_folder.Options()))
        {
            await after.SetFeedbackAsync(id, "42", Feedback.Down, CancellationToken.None);
        }

        Assert.Equal(["-1"], _folder.Column($"SELECT value FROM feedback WHERE entry_id = '{id}'"));
    }

    [Fact]
    public async Task SetFeedback_EntryStillQueued_AppliedAfterIt()
    {
        await using (var log = new SqliteQuestionLog(_folder.Options()))
        {
            var id = log.Record(Some.Entry());
            await log.SetFeedbackAsync(id, "42", Feedback.Up, CancellationToken.None);
        }

        Assert.Equal(["1"], _folder.Column("SELECT value FROM feedback"));
    }

    [Fact]
    public async Task SetFeedback_SecondVoteBySameVoter_ReplacesFirst()
    {
        await using (var log = new SqliteQuestionLog(_folder.Options()))
        {
            var id = log.Record(Some.Entry());
            await log.SetFeedbackAsync(id, "alice", Feedback.Up, CancellationToken.None);
            await log.SetFeedbackAsync(id, "bob", Feedback.Up, CancellationToken.None);
            await log.SetFeedbackAsync(id, "alice", Feedback.Down, CancellationToken.None);
        }

        Assert.Equal(["-1", "1"], _folder.Column("SELECT value FROM feedback ORDER BY value"));
    }

    [Fact]
    public async Task SetFeedback_UnknownEntry_IgnoredWithoutError()
    {
        await using (var log = new SqliteQuestionLog(_folder.Options()))
        {
            log.Record(Some.Entry());
            await log.SetFeedbackAsync("0123456789abcdef0123456789abcdef", "42", Feedback.Up, CancellationToken.None);
        }

        Assert.Equal(0L, _folder.Scalar<long>("SELECT COUNT(*) FROM feedback"));
    }

    [Fact]
    public async Task Record_DatabaseLockedForSecondsAndShutdownMeanwhile_LosesNothingAndWarnsOnce()
    {
        // Given a log with one entry, then another connection holding an exclusive lock for 3 s
        await StoredEntryAsync("before the lock");

        var logger = new ListLogger<SqliteQuestionLog>();
        var holder = HoldLock();
        var release = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            holder.Dispose();
        });

        // When 17 entries are recorded while it is held (the writer's busy timeout is 100 ms) and the program ends
        // before the lock goes, as a chat reading questions from a pipe does
        var log = new SqliteQuestionLog(_folder.Options(), logger);
        var ids = Enumerable.Range(0, 17).Select(i => log.Record(Some.Entry($"while locked {i:00}"))).ToList();
        await log.DisposeAsync();
        await release;

        // Then every one of them is written once the lock is gone, with one warning that they wait
        var warning = Assert.Single(logger.Warnings);
        Assert.IsType<SqliteException>(warning.Exception);
        Assert.Equal(18, _folder.Scalar<int>("SELECT count(*) FROM entries"));
        Assert.Equal(ids.Order(), _folder.Column("SELECT id FROM entries WHERE question LIKE 'while locked%' ORDER BY id").Order());
    }

    [Fact]
    public async Task Record_DatabaseLockedForMoreThanAMinute_LosesNothing()
    {
        // Given a database another connection holds locked, on a clock the test moves
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await StoredEntryAsync("before the lock");

        var holder = HoldLock();
        var logger = new ListLogger<SqliteQuestionLog>();
        var log = new SqliteQuestionLog(_folder.Options(), logger, time);
        var ids = Enumerable.Range(0, 17).Select(i => log.Record(Some.Entry($"while locked {i:00}"))).ToList();

        // When the lock is still held three minutes after the first try (each try waits 1 s of real time for the lock)
        while (!logger.Warnings.Any())
        {
            await Task.Delay(20);
        }

        for (var minute = 0; minute < 3; minute++)
        {
            time.Advance(TimeSpan.FromSeconds(61));
            await Task.Delay(200);
        }

        holder.Dispose();
        var dispose = log.DisposeAsync().AsTask();
        while (!dispose.IsCompleted)
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        await dispose;

        // Then all 17 are written once it goes
        Assert.Equal(ids.Order(), _folder.Column("SELECT id FROM entries WHERE question LIKE 'while locked%' ORDER BY id").Order());
    }

    [Fact]
    public async Task Dispose_DatabaseStillLockedAfterTheShutdownWait_EndsAndWarnsWhatWasNotStored()
    {
        // Given a database locked for longer than the shutdown may wait (1 s here; 10 s by default)
        await StoredEntryAsync("before the lock");

        using var holder = HoldLock();
        var logger = new ListLogger<SqliteQuestionLog>();
        var log = new SqliteQuestionLog(_folder.Options(o => o.ShutdownWaitSeconds = 1), logger);
        for (var i = 0; i < 17; i++)
        {
            log.Record(Some.Entry($"while locked {i:00}"));
        }

        // When the program shuts down
        var started = System.Diagnostics.Stopwatch.StartNew();
        await log.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        // Then it ends after about that wait (not a minute), and a warning says what was not stored
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Contains(logger.Warnings, w => w.Message.Contains("17 question(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispose_LockOutlastsTheShutdownWait_WhatWasQueuedIsWrittenAtTheNextStart()
    {
        // Given a rated entry, then a database locked across a shutdown while 17 questions and a vote wait in the queue
        var rated = await StoredEntryAsync("before the lock");

        var holder = HoldLock();
        var logger = new ListLogger<SqliteQuestionLog>();
        var log = new SqliteQuestionLog(_folder.Options(o => o.ShutdownWaitSeconds = 1), logger);
        var ids = Enumerable.Range(0, 17).Select(i => log.Record(Some.Entry($"while locked {i:00}"))).ToList();
        var vote = await log.SetFeedbackAsync(rated, "42", Feedback.Down, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        await log.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        holder.Dispose();
        Assert.Empty(_folder.Column("SELECT id FROM entries WHERE question LIKE 'while locked%'"));

        // When the lock has gone and the program starts again
        await using (var next = new SqliteQuestionLog(_folder.Options()))
        {
            next.Record(Some.Entry("after the restart"));
        }

        // Then nothing was lost: the shutdown said where it kept them, and they are in the log now
        Assert.Equal(FeedbackOutcome.Queued, vote);
        Assert.Contains(logger.Warnings, w => w.Message.Contains("written at the next start", StringComparison.Ordinal));
        Assert.Equal(ids.Order(), _folder.Column("SELECT id FROM entries WHERE question LIKE 'while locked%' ORDER BY id").Order());
        Assert.Equal(["-1"], _folder.Column($"SELECT value FROM feedback WHERE entry_id = '{rated}'"));
        Assert.Single(_folder.Column("SELECT id FROM entries WHERE question = 'after the restart'"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_folder.Options().Path)!, "*.pending*"));
    }

    [Fact]
    public async Task SetFeedback_DatabaseLocked_SaysQueuedAndIsStoredWhenTheLockGoes()
    {
        var id = await StoredEntryAsync("rated");

        var holder = HoldLock();
        var log = new SqliteQuestionLog(_folder.Options());
        var outcome = await log.SetFeedbackAsync(id, "42", Feedback.Up, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        holder.Dispose();
        await log.DisposeAsync();

        Assert.Equal(FeedbackOutcome.Queued, outcome);
        Assert.Equal(["1"], _folder.Column("SELECT value FROM feedback"));
    }

    [Fact]
    public async Task SetFeedback_QueuedBehindABatchStuckOnALock_SaysQueuedWithoutWaitingForTheLock()
    {
        var id = await StoredEntryAsync("rated");

        // The writer takes an entry and waits on the lock; the vote comes in behind it, before the lock is known.
        var holder = HoldLock();
        var log = new SqliteQuestionLog(_folder.Options(o => o.BusyTimeoutMilliseconds = 1500));
        log.Record(Some.Entry("while locked"));
        await Task.Delay(200);
        var outcome = await log.SetFeedbackAsync(id, "42", Feedback.Up, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        holder.Dispose();
        await log.DisposeAsync();

        Assert.Equal(FeedbackOutcome.Queued, outcome);
        Assert.Equal(["1"], _folder.Column("SELECT value FROM feedback"));
    }

    [Fact]
    public async Task SetFeedback_Written_SaysStored()
    {
        await using var log = new SqliteQuestionLog(_folder.Options());
        var id = log.Record(Some.Entry());

        Assert.Equal(FeedbackOutcome.Stored, await log.SetFeedbackAsync(id, "42", Feedback.Up, CancellationToken.None));
    }

    [Fact]
    public async Task Record_ReadOnlyDatabase_WarnsAndAnswersGoOn()
    {
        await StoredEntryAsync("before");

        MakeReadOnly(_folder.DatabasePath);
        var logger = new ListLogger<SqliteQuestionLog>();
        var log = new SqliteQuestionLog(_folder.Options(), logger);
        var id = log.Record(Some.Entry("after"));
        var outcome = await log.SetFeedbackAsync(id, "42", Feedback.Up, CancellationToken.None);
        await log.DisposeAsync();

        Assert.Equal(FeedbackOutcome.NotStored, outcome);
        Assert.Equal((1, 1), NotStored(logger));
        Assert.Equal(["before"], _folder.Column("SELECT question FROM entries"));
    }

    [Fact]
    public async Task Record_FolderCannotBeCreated_WarnsAndAnswersGoOn()
    {
        // A file where the log's folder should be: even root cannot create the database under it.
        var blocker = System.IO.Path.Combine(_folder.Path, "blocker");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var logger = new ListLogger<SqliteQuestionLog>();

        var log = new SqliteQuestionLog(_folder.Options(o => o.Path = System.IO.Path.Combine(blocker, "questions.db")), logger);
        var id = log.Record(Some.Entry());
        log.Record(Some.Entry());
        await log.DisposeAsync();

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal((2, 0), NotStored(logger));
    }

    [Fact]
    public async Task Record_RetentionDays_PurgesOlderEntriesAndTheirVotes()
    {
        string oldId;
        await using (var first = new SqliteQuestionLog(_folder.Options()))
        {
            oldId = first.Record(Some.Entry("old", time: DateTimeOffset.UtcNow.AddDays(-40)));
            first.Record(Some.Entry("recent", time: DateTimeOffset.UtcNow.AddDays(-5)));
            await first.SetFeedbackAsync(oldId, "42", Feedback.Up, CancellationToken.None);
        }

        await using (var second = new SqliteQuestionLog(_folder.Options(o => o.RetentionDays = 30)))
        {
            second.Record(Some.Entry("new"));
        }

        Assert.Equal(["new", "recent"], _folder.Column("SELECT question FROM entries ORDER BY question"));
        Assert.Equal(0L, _folder.Scalar<long>("SELECT COUNT(*) FROM feedback"));
    }

    [Fact]
    public async Task Record_StoreUserIdsFalse_KeepsOnlySaltedHashes()
    {
        const ulong user = 987654321987654321;
        await using (var log = new SqliteQuestionLog(_folder.Options()))
        {
            var id = log.Record(Some.Entry(userId: user));
            await log.SetFeedbackAsync(id, user.ToString(System.Globalization.CultureInfo.InvariantCulture), Feedback.Up, CancellationToken.None);
        }

        var userKey = Assert.Single(_folder.Column("SELECT user_key FROM entries"));
        Assert.Matches("^[0-9a-f]{64}$", userKey);
        Assert.Equal([userKey], _folder.Column("SELECT voter_key FROM feedback"));
        Assert.Equal([null], _folder.Column("SELECT user_id FROM entries"));
        Assert.Equal([null], _folder.Column("SELECT voter_id FROM feedback"));
        var file = Encoding.ASCII.GetString(await File.ReadAllBytesAsync(_folder.DatabasePath));
        Assert.DoesNotContain("987654321987654321", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_StoreUserIdsTrue_KeepsTheId()
    {
        await using (var log = new SqliteQuestionLog(_folder.Options(o => o.StoreUserIds = true)))
        {
            log.Record(Some.Entry(userId: 12345));
        }

        Assert.Equal(["12345"], _folder.Column("SELECT user_id FROM entries"));
    }

    [Fact]
    public async Task Record_AfterDispose_ReturnsIdWithoutThrowing()
    {
        var log = new SqliteQuestionLog(_folder.Options());
        await log.DisposeAsync();

        Assert.Matches("^[0-9a-f]{32}$", log.Record(Some.Entry()));
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The questions and votes the warnings say were not stored, in all.</summary>
    /// <summary>An entry recorded, and the log closed, before the test's own log opens; its id.</summary>
    private async Task<string> StoredEntryAsync(string question)
    {
        await using var first = new SqliteQuestionLog(_folder.Options());
        return first.Record(Some.Entry(question));
    }

    private static (int Questions, int Votes) NotStored(ListLogger<SqliteQuestionLog> logger)
    {
        var said = logger.Warnings
            .Select(w => System.Text.RegularExpressions.Regex.Match(w.Message, @"([0-9]+) question\(s\), ([0-9]+) vote\(s\)"))
            .Where(m => m.Success)
            .ToList();
        return (said.Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)), said.Sum(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
    }

    /// <summary>Another connection in an exclusive transaction: the log's writer can't write until it is disposed.</summary>
    private Microsoft.Data.Sqlite.SqliteConnection HoldLock()
    {
        var holder = _folder.Connect();
        using var exclusive = holder.CreateCommand();
        exclusive.CommandText = "BEGIN EXCLUSIVE;";
        exclusive.ExecuteNonQuery();
        return holder;
    }

    /// <summary>
    /// Makes the file read-only in a way that holds even for root (CI runs as root, which ignores file modes): a
    /// write version above 2 in the header (byte 18) tells SQLite to open the database read-only. The file mode is
    /// cleared too, for everyone else.
    /// </summary>
    private static void MakeReadOnly(string path)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 18;
            stream.WriteByte(3);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }
}
