using System.Text.Json;
using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

public sealed class EmbedBenchTests : IDisposable
{
    private readonly TempCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await new CliApp(new ConsoleIO(new StringReader(string.Empty), output, error)).RunAsync(args, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task BenchEmbedJson_SmallCorpus_CountsEverySentenceAndReportsTheRate()
    {
        _corpus.Write("one.txt", "Hannibal\n\nHannibal crossed the Alps with elephants. The Romans were surprised.\n\nHe won at Cannae.\n");
        _corpus.Write("two.txt", "Caesar\n\nCaesar crossed the Rubicon in 49 BC. Rome trembled.\n");

        var (exit, output, error) = await RunAsync(
            "bench", "--mode", "embed", "--corpus", _corpus.CorpusDirectory, "--encoders", "2", "--intra-op-threads", "1", "--json");

        Assert.True(exit == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("embed", root.GetProperty("mode").GetString());
        Assert.Equal(5, root.GetProperty("sentences").GetInt32());
        Assert.True(root.GetProperty("sentencesPerSecond").GetDouble() > 0);
        Assert.Equal(2, root.GetProperty("encoders").GetInt32());
        Assert.Equal(1, root.GetProperty("intraOpThreads").GetInt32());
    }

    [Fact]
    public async Task BenchEmbed_BadBatchSize_IsAUsageError()
    {
        _corpus.Write("one.txt", "Hannibal\n\nHannibal crossed the Alps.\n");

        var (exit, _, error) = await RunAsync("bench", "--mode", "embed", "--corpus", _corpus.CorpusDirectory, "--batch-size", "0");

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--batch-size", error, StringComparison.Ordinal);
    }
}
