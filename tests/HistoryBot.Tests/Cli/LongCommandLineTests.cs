using System.Diagnostics;
using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>
/// A long question on the command line once killed the process inside ONNX Runtime (it reads /proc/self/cmdline at
/// start-up); only a real process has that command line, so this test starts one.
/// </summary>
public sealed class LongCommandLineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Ask_FiftyKilobyteQuestionInHybridMode_AnswersWithoutCrashing()
    {
        // Given a 50,000-character question as one argument
        var question = string.Concat(Enumerable.Repeat("When did Lenin die? ", 2500));
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _temp.Path,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "historybot.dll"), "ask", "--json", "--retrieval", "hybrid",
            "--corpus", TestData.SeedCorpus, "--index", _temp.Combine("index"), question,
        })
        {
            start.ArgumentList.Add(arg);
        }

        // When
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        // Then
        // Nothing on standard error but the one-line notice that the question was cut.
        var notice = Assert.Single((await error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("note: the question was too long", notice, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, process.ExitCode);
        Assert.Contains("\"answered\":true", await output, StringComparison.Ordinal);
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
