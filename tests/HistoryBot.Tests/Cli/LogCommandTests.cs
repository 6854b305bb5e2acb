using System.Text.Json;
using HistoryBot.Cli;
using HistoryBot.Cli.Commands;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

public sealed class LogCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void ChatGoodBad_ThenLogEval_ExportsOnlyTheUpVotedAnswerAndEvalRunsOnIt()
    {
        // Given: two questions in chat, the first rated down, the second up
        var chat = _cli.RunWithInput("When did Lenin die?\n/bad\nWho exiled Trotsky?\n/good\n", "chat", "--retrieval", "lexical");
        Assert.Equal(ExitCodes.Success, chat.ExitCode);
        Assert.Contains("Noted 👎", chat.Out, StringComparison.Ordinal);
        Assert.Contains("Noted 👍", chat.Out, StringComparison.Ordinal);

        // When
        var json = _cli.Run("log", "--json");
        var export = _cli.Run("log", "--eval");

        // Then: the log has both, with their verdicts; the eval set only the 👍 answer, as evidence
        var entries = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["When did Lenin die?", "Who exiled Trotsky?"], entries.Select(e => e.GetProperty("question").GetString()));
        Assert.Equal(["down", "up"], entries.Select(e => e.GetProperty("feedback").GetString()));
        Assert.All(entries, e => Assert.Equal("chat", e.GetProperty("source").GetString()));
        Assert.All(entries, e => Assert.True(e.GetProperty("answered").GetBoolean()));
        var upQuote = entries[1].GetProperty("quote").GetString()!;
        var line = Assert.Single(export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var exported = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Who exiled Trotsky?", exported.GetProperty("question").GetString());
        Assert.Equal(0, exported.GetProperty("answers").GetArrayLength());
        Assert.Equal(upQuote, exported.GetProperty("evidences")[0].GetString());
        Assert.DoesNotContain(entries[0].GetProperty("quote").GetString()!, export.Out, StringComparison.Ordinal);

        var file = _cli.Temp.Write("feedback.jsonl", export.Out);
        var eval = _cli.Run("eval", file, "--retrieval", "lexical");
        Assert.Equal(ExitCodes.Success, eval.ExitCode);
        Assert.Contains("evid1:    1.000", eval.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ChatGood_LogCannotBeWritten_SaysTheVoteWasNotStoredInsteadOfNoted()
    {
        // Given a question log path that holds something other than a database
        File.WriteAllText(_cli.LogPath, "not a database, but long enough to be read as one and refused: " + new string('x', 200));

        // When a question is rated
        var chat = _cli.RunWithInput("When did Lenin die?\n/good\n", "chat", "--retrieval", "lexical");

        // Then the chat goes on and says the vote could not be stored, and a warning says what was lost
        Assert.Equal(ExitCodes.Success, chat.ExitCode);
        Assert.DoesNotContain("Noted", chat.Out, StringComparison.Ordinal);
        Assert.Contains("could not be stored", chat.Out, StringComparison.Ordinal);
        Assert.Contains("question(s)", chat.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ChatGood_BeforeAnyAnswer_SaysThereIsNothingToRate()
    {
        var result = _cli.RunWithInput("/good\n", "chat", "--retrieval", "lexical");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Nothing to rate yet", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_WithAndWithoutLog_RecordsOnlyWithLogAndSourceAsk()
    {
        _cli.Run("ask", "When did Lenin die?", "--retrieval", "lexical");
        Assert.False(File.Exists(_cli.LogPath));

        _cli.Run("ask", "How do I reset my router?", "--retrieval", "lexical", "--log");
        var json = _cli.Run("log", "--json", "--unanswered");

        var entry = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal("ask", entry.GetProperty("source").GetString());
        Assert.False(entry.GetProperty("answered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("feedback").ValueKind);
    }

    [Fact]
    public void LogTableAndSummary_AfterChat_ShowQuestionsAndCounts()
    {
        _cli.RunWithInput("When did Lenin die?\n/good\nHow do I bake bread?\nHow do I bake bread?\n", "chat", "--retrieval", "lexical");

        var table = _cli.Run("log");
        var summary = _cli.Run("log", "--summary");

        Assert.Equal(ExitCodes.Success, table.ExitCode);
        Assert.Contains("When did Lenin die?", table.Out, StringComparison.Ordinal);
        Assert.Contains("declined", table.Out, StringComparison.Ordinal);
        Assert.Contains("questions: 3, answered 1 (33%)", summary.Out, StringComparison.Ordinal);
        Assert.Contains("👍 1, 👎 0", summary.Out, StringComparison.Ordinal);
        Assert.Contains("2× how do i bake bread?", summary.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void LogPurge_WithEntries_DeletesEverything()
    {
        _cli.RunWithInput("When did Lenin die?\n", "chat", "--retrieval", "lexical");

        var purge = _cli.Run("log", "--purge");
        var after = _cli.Run("log", "--json");

        Assert.Contains("Deleted all 1 entries", purge.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, after.Out);
    }

    [Fact]
    public void Log_MissingDatabase_SaysSoWithExitTwo()
    {
        var result = _cli.Run("log");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("there is no question log at", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--since", "yesterdayish")]
    [InlineData("--limit", "0")]
    [InlineData("--feedback", "sideways")]
    [InlineData("--user", "42")]
    public void Log_BadFilter_IsAUsageError(string option, string value)
    {
        _cli.RunWithInput("When did Lenin die?\n", "chat", "--retrieval", "lexical");

        var result = _cli.Run("log", option, value);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_JsonWithSummary_IsAUsageError()
    {
        var result = _cli.Run("log", "--json", "--summary");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("cannot be combined", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30m", 0, 30)]
    [InlineData("24h", 1, 0)]
    [InlineData("7d", 7, 0)]
    [InlineData("2w", 14, 0)]
    public void ParseSince_Duration_CountsBackFromNow(string text, int days, int minutes)
    {
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now - TimeSpan.FromDays(days) - TimeSpan.FromMinutes(minutes), LogCommand.ParseSince(text, now));
    }

    [Fact]
    public void ParseSince_Date_IsUtcMidnight()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), LogCommand.ParseSince("2026-11-01", DateTimeOffset.UtcNow));
    }
}
