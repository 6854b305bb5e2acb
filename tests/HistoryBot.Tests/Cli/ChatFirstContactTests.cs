using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

public sealed class ChatFirstContactTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Chat_GreetingThenLowerCaseFollowUp_RepliesFriendlyThenQuotesTrotskyOnUnions()
    {
        var result = _cli.RunWithInput(
            "hi\nwhat did lenin think about unions\nthanks!\nwhat about trotsky?\n", "chat", "--retrieval", "lexical");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Hello! I answer questions about 1 document", result.Out, StringComparison.Ordinal);
        Assert.Contains("You're welcome!", result.Out, StringComparison.Ordinal);
        Assert.Contains("(reading it as: what did Trotsky think about unions)", result.Out, StringComparison.Ordinal);
        var followUp = result.Out[result.Out.IndexOf("(reading it as:", StringComparison.Ordinal)..];
        Assert.Contains("**Trotsky** believed that the government of a true workers' movement had nothing to fear", followUp, StringComparison.Ordinal);
    }
}
