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

    [Fact]
    public void Chat_Help_SaysHowManyDocumentsAreIndexedAndWhenTheCorpusChanged()
    {
        using var cli = new CliRunner();

        var result = cli.RunWithInput("/help\n", "chat", "--retrieval", "lexical");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"HistoryBot: 1 document\(s\) indexed; the corpus last changed \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\.", result.Out);
    }

    [Fact]
    public async Task Chat_PipedInput_SeesADocumentAddedWhileItRunsAndExits0AtTheEnd()
    {
        // Given a chat reading its questions from a pipe, over a corpus of one document
        var corpus = _temp.Combine("corpus");
        Directory.CreateDirectory(corpus);
        File.WriteAllText(Path.Combine(corpus, "rome.txt"), "Rome\n\nCaesar crossed the Rubicon in 49 BC.\n");
        using var input = new PipeReader();
        var output = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        var io = new ConsoleIO(input, synchronizedOutput, TextWriter.Synchronized(new StringWriter()));
        var run = new CliApp(io, _temp.Path).RunAsync(
            ["chat", "--retrieval", "lexical", "--corpus", corpus, "--index", _temp.Combine("index"), "--log-path", _temp.Combine("questions.db")],
            CancellationToken.None);
        string Output()
        {
            lock (synchronizedOutput)
            {
                return output.ToString();
            }
        }

        // When a document is added while it runs
        File.WriteAllText(Path.Combine(corpus, "carthage.txt"), "Carthage\n\nHannibal crossed the Alps with elephants.\n");

        // Then it is seen without a restart, and the chat ends with its input
        Live.Waiting.Until(
            () =>
            {
                input.Send("/help");
                Thread.Sleep(100);
                return Output().Contains("HistoryBot: 2 document(s) indexed", StringComparison.Ordinal);
            },
            "the chat to see the added document");
        input.Send("/search elephants");
        input.End();
        Assert.Equal(0, await run.WaitAsync(Live.Waiting.Patience));
        Assert.Contains("carthage.txt", Output()[Output().LastIndexOf("HistoryBot: 2", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    /// <summary>Standard input from a pipe that another program writes slowly: a line at a time, then its end.</summary>
    private sealed class PipeReader : TextReader
    {
        private readonly System.Collections.Concurrent.BlockingCollection<string> _lines = [];

        public void Send(string line) => _lines.Add(line);

        public void End() => _lines.CompleteAdding();

        public override string? ReadLine() => _lines.TryTake(out var line, Timeout.Infinite) ? line : null;

        protected override void Dispose(bool disposing)
        {
            _lines.Dispose();
            base.Dispose(disposing);
        }
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
