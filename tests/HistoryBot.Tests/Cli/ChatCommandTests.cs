using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

public sealed class ChatCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Chat_CtrlCAtAnEmptyPrompt_LeavesAtOnceWithExit130()
    {
        // Given a chat waiting at its prompt for a line that never comes
        using var input = new NeverEndingReader();
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new ConsoleIO(input, output, error, InputIsTerminal: true);
        using var cancellation = new CancellationTokenSource();
        var run = new CliApp(io, _temp.Path, TestEngines.SharedEmbedder).RunAsync(
            ["chat", "--retrieval", "lexical", "--corpus", TestData.SeedCorpus, "--index", _temp.Combine("index")], cancellation.Token);
        await input.Waiting.WaitAsync(TimeSpan.FromMinutes(2));

        // When Ctrl-C is pressed
        await cancellation.CancelAsync();

        // Then (the timeout only guards against a hang)
        var exit = await run.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(130, exit);
        Assert.Contains("Cancelled.", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("> " + Environment.NewLine, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_Help_ListsOnlySlashCommandsUnderCommands()
    {
        using var cli = new CliRunner();

        var result = cli.RunWithInput("/help\n", "chat", "--retrieval", "lexical");

        var commands = result.Out[result.Out.IndexOf("Commands:", StringComparison.Ordinal)..]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        Assert.All(commands, line => Assert.StartsWith("  /", line, StringComparison.Ordinal));
        Assert.Contains("Follow-ups work", result.Out, StringComparison.Ordinal);
    }

    /// <summary>Standard input on a terminal where nobody types: ReadLine blocks until the reader is disposed.</summary>
    private sealed class NeverEndingReader : TextReader
    {
        private readonly ManualResetEventSlim _closed = new();
        private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Waiting => _waiting.Task;

        public override string? ReadLine()
        {
            _waiting.TrySetResult();
            _closed.Wait();
            return null;
        }

        protected override void Dispose(bool disposing)
        {
            _closed.Set();
            base.Dispose(disposing);
        }
    }
}
