using System.Text;
using HistoryBot.QuestionLog.Tests.Support;

namespace HistoryBot.QuestionLog.Tests;

public sealed class QuestionLogReaderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private readonly LogFolder _folder = new();

    [Fact]
    public void Open_NoDatabase_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => QuestionLogReader.Open(_folder.Options()));
    }

    [Fact]
    public async Task Read_WhileAnotherConnectionHoldsTheWriteLock_ReadsEverythingAtOnce()
    {
        // Given a log and another program in the middle of a write transaction (as a bot writing, or sqlite3 holding it)
        var ids = await FillAsync();
        using var holder = _folder.Connect();
        using (var exclusive = holder.CreateCommand())
        {
            exclusive.CommandText = "BEGIN EXCLUSIVE; DELETE FROM feedback;";
            exclusive.ExecuteNonQuery();
        }

        // When `historybot log` reads (its busy timeout is 100 ms here: waiting for the lock would fail)
        using var reader = QuestionLogReader.Open(_folder.Options());
        var rows = reader.Read(new QuestionLogQuery());
        var summary = reader.Summarise(since: null);

        // Then it sees the committed log, votes included: the uncommitted delete is not there yet
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => r.Id == ids.Up && r.Up == 1);
        Assert.Equal(4, summary.Questions);
    }

    [Fact]
    public async Task Read_Filters_CombineAndOrderNewestFirst()
    {
        var ids = await FillAsync();
        using var reader = QuestionLogReader.Open(_folder.Options());

        Assert.Equal([ids.Unanswered2, ids.Unanswered1], reader.Read(new QuestionLogQuery(UnansweredOnly: true)).Select(r => r.Id));
        Assert.Equal([ids.Up], reader.Read(new QuestionLogQuery(Feedback: Feedback.Up)).Select(r => r.Id));
        Assert.Equal([ids.Down], reader.Read(new QuestionLogQuery(Feedback: Feedback.Down)).Select(r => r.Id));
        Assert.Equal([ids.Unanswered2], reader.Read(new QuestionLogQuery(Since: Now.AddHours(-1))).Select(r => r.Id));
        Assert.Equal([ids.Unanswered2, ids.Unanswered1], reader.Read(new QuestionLogQuery(Limit: 2)).Select(r => r.Id));
        Assert.Equal([ids.Unanswered1, ids.Unanswered2], reader.Read(new QuestionLogQuery(Limit: 2, OldestFirst: true)).Select(r => r.Id));
        Assert.Equal([ids.Unanswered2, ids.Unanswered1, ids.Down], reader.Read(new QuestionLogQuery(Since: Now.AddDays(-2))).Select(r => r.Id));
    }

    [Fact]
    public async Task Read_TiedVotes_HaveNoVerdict()
    {
        string id;
        await using (var log = new SqliteQuestionLog(_folder.Options()))
        {
            id = log.Record(Some.Entry());
            await log.SetFeedbackAsync(id, "a", Feedback.Up, CancellationToken.None);
            await log.SetFeedbackAsync(id, "b", Feedback.Down, CancellationToken.None);
        }

        using var reader = QuestionLogReader.Open(_folder.Options());
        var row = Assert.Single(reader.Read(new QuestionLogQuery()));
        Assert.Equal((1, 1), (row.Up, row.Down));
        Assert.Null(row.Feedback);
    }

    [Fact]
    public async Task Summarise_MixedEntries_CountsDaysAnsweredVotesAndTopUnanswered()
    {
        await FillAsync();
        using var reader = QuestionLogReader.Open(_folder.Options());

        var summary = reader.Summarise(since: null);

        Assert.Equal((4, 2, 1, 1), (summary.Questions, summary.Answered, summary.Up, summary.Down));
        Assert.Equal(
            [new QuestionLogDay(new DateOnly(2026, 11, 26), 1, 1), new QuestionLogDay(new DateOnly(2026, 11, 27), 1, 1),
             new QuestionLogDay(new DateOnly(2026, 11, 28), 1, 0), new QuestionLogDay(new DateOnly(2026, 11, 29), 1, 0)],
            summary.Days);
        Assert.Equal([new QuestionCount("when was lenin born?", 2)], summary.TopUnanswered);
    }

    [Fact]
    public async Task Purge_OneUser_DeletesOnlyTheirEntriesAndVotesAndTheTextLeavesTheFile()
    {
        await using (var log = new SqliteQuestionLog(_folder.Options()))
        {
            var mine = log.Record(Some.Entry("Where did Alice ask this secret question?", userId: 1001));
            var theirs = log.Record(Some.Entry("Where did Bob ask?", userId: 2002));
            await log.SetFeedbackAsync(theirs, "1001", Feedback.Up, CancellationToken.None);
            await log.SetFeedbackAsync(mine, "2002", Feedback.Down, CancellationToken.None);
        }

        using (var reader = QuestionLogReader.Open(_folder.Options(), write: true))
        {
            Assert.Equal(1, reader.Purge("1001"));
            var left = Assert.Single(reader.Read(new QuestionLogQuery()));
            Assert.Equal(("Where did Bob ask?", 0, 0), (left.Entry.Question, left.Up, left.Down));
        }

        var file = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_folder.DatabasePath));
        Assert.DoesNotContain("secret question", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_Everything_LeavesNoEntries()
    {
        await FillAsync();
        using var reader = QuestionLogReader.Open(_folder.Options(), write: true);

        Assert.Equal(4, reader.Purge(userId: null));
        Assert.Empty(reader.Read(new QuestionLogQuery()));
        Assert.Equal(0L, _folder.Scalar<long>("SELECT COUNT(*) FROM feedback"));
    }

    [Fact]
    public async Task ApplyRetention_OldAndNewEntries_DeletesOnlyOlder()
    {
        await FillAsync();
        using var reader = QuestionLogReader.Open(_folder.Options(), write: true);

        // The cutoff falls between the second (two days back) and the third entry.
        Assert.Equal(2, reader.ApplyRetention(2, Now.AddHours(1)));
        Assert.Equal(2, reader.Read(new QuestionLogQuery()).Count);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Four entries a day apart, the oldest answered and rated up, the next rated down, two declined.</summary>
    private async Task<(string Up, string Down, string Unanswered1, string Unanswered2)> FillAsync()
    {
        await using var log = new SqliteQuestionLog(_folder.Options());
        var up = log.Record(Some.Entry("When did Lenin die?", time: Now.AddDays(-3)));
        var down = log.Record(Some.Entry("Who exiled Trotsky?", time: Now.AddDays(-2)));
        var unanswered1 = log.Record(Some.Entry("When was Lenin born?", answered: false, time: Now.AddDays(-1)));
        var unanswered2 = log.Record(Some.Entry("when was Lenin born? ", answered: false, time: Now.AddMinutes(-5)));
        await log.SetFeedbackAsync(up, "a", Feedback.Up, CancellationToken.None);
        await log.SetFeedbackAsync(down, "a", Feedback.Down, CancellationToken.None);
        return (up, down, unanswered1, unanswered2);
    }
}
