using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>Every mistake on the command line is one line naming the option and what it allows, with exit code 2.</summary>
public sealed class CommandLineErrorTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("--limit must be a whole number from 1 to 1000, not 'abc'", "search", "--limit", "abc", "lenin")]
    [InlineData("--limit must be a whole number from 1 to 1000, not '0'", "search", "lenin", "--limit", "0")]
    [InlineData("--limit must be a whole number from 1 to 1000, not '5x'", "search", "lenin", "--limit=5x")]
    [InlineData("missing <query>", "search")]
    [InlineData("missing <questions>", "eval")]
    [InlineData("--retrieval must be one of lexical, hybrid, not 'magic'", "ask", "--retrieval", "magic", "q")]
    [InlineData("--mode must be one of search, keyword, ask, vectors, embed, not 'x'", "bench", "--mode", "x", "--queries", "q.txt")]
    [InlineData("--queries FILE is needed", "bench")]
    [InlineData("unknown option '--foo' for 'historybot ask'", "ask", "--foo", "When did Lenin die?")]
    [InlineData("unknown option '--foo' for 'historybot ask'", "ask", "--foo")]
    [InlineData("unknown option '--nope' for 'historybot search'", "search", "lenin", "--nope")]
    [InlineData("unknown command 'frobnicate'; the commands are chat, ask,", "frobnicate")]
    public void Run_BadCommandLine_OneLineNamingTheProblemAndExit2(string expected, params string[] args)
    {
        var result = _cli.Run(args);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void Ask_TextAfterDoubleDashThatStartsWithADash_IsTheQuestion()
    {
        var result = _cli.Run(
            "ask", "--retrieval", "lexical", "--corpus", TestData.SeedCorpus, "--index", _cli.IndexFolder, "--", "-Lenin's death?");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void DiscordHelp_UsageLine_HasBalancedBrackets()
    {
        var result = _cli.Run("discord", "--help");

        var usage = result.Out.Split('\n').SkipWhile(l => !l.StartsWith("Usage:", StringComparison.Ordinal)).ElementAt(1);
        Assert.Contains(" discord [", usage, StringComparison.Ordinal);
        Assert.Equal(usage.Count(c => c == '['), usage.Count(c => c == ']'));
        Assert.Equal(usage.Count(c => c == '<'), usage.Count(c => c == '>'));
    }
}
