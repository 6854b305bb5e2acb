using HistoryBot.Cli;

namespace HistoryBot.Tests.Support;

/// <summary>
/// Runs the real command line in-process with string streams, against the seed corpus and a private index; the
/// appsettings.json read is the one in <see cref="Temp"/> (none unless a test writes it), never the current folder's.
/// </summary>
public sealed class CliRunner : IDisposable
{
    private static readonly string?[] LogCommands = ["chat", "ask", "eval", "bench", "log"];

    private readonly TempDirectory _temp = new();

    public string IndexFolder => _temp.Combine("index");

    /// <summary>The question log of this runner's commands: never the shared .historybot/questions.db of the test folder.</summary>
    public string LogPath => _temp.Combine("questions.db");

    public TempDirectory Temp => _temp;

    public sealed record Result(int ExitCode, string Out, string Error);

    public Result RunWithInput(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new ConsoleIO(new StringReader(stdin), output, error);
        var withFolders = args.Contains("--corpus") ? args : [.. args, "--corpus", TestData.SeedCorpus];
        withFolders = withFolders.Contains("--index") ? withFolders : [.. withFolders, "--index", IndexFolder];
        if (!withFolders.Contains("--log-path") && LogCommands.Contains(args.FirstOrDefault()))
        {
            // Before a "--", after which everything is the question.
            var end = Array.IndexOf(withFolders, "--") is var dashes and >= 0 ? dashes : withFolders.Length;
            withFolders = [.. withFolders[..end], "--log-path", LogPath, .. withFolders[end..]];
        }

        var exit = new CliApp(io, _temp.Path, TestEngines.SharedEmbedder).RunAsync(withFolders, CancellationToken.None).GetAwaiter().GetResult();
        return new Result(exit, output.ToString(), error.ToString());
    }

    public Result Run(params string[] args) => RunWithInput(string.Empty, args);

    public void Dispose() => _temp.Dispose();
}
