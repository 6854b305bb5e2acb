using HistoryBot.Tests.Support;
using System.Text.Json;
using HistoryBot.Cli;

namespace HistoryBot.Tests.Cli;

public sealed class BenchCommandTests : IDisposable
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

    private string Queries()
    {
        _corpus.Write("one.txt", "Hannibal\n\nHannibal crossed the Alps with elephants. The Romans were surprised.\n\nHe won at Cannae.\n");
        _corpus.Write("two.txt", "Caesar\n\nCaesar crossed the Rubicon in 49 BC. Rome trembled.\n");
        var queries = Path.Combine(_corpus.Root, "queries.tsv");
        File.WriteAllText(queries, "0\tkeywords\tx\tHannibal elephants\n1\tquestion\tx\tWho crossed the Rubicon?\n\n2\tkeywords\tx\tthe\n");
        return queries;
    }

    [Theory]
    [InlineData("search")]
    [InlineData("keyword")]
    [InlineData("ask")]
    public async Task BenchJson_Output_HasExactlyTheAgreedNames(string mode)
    {
        var queries = Queries();
        var (exit, output, error) = await RunAsync("bench", "--min-seconds", "0", "--corpus", _corpus.CorpusDirectory, "--queries", queries, "--mode", mode, "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["passages", "indexSeconds", "passagesPerSecond", "indexBytes", "p50Ms", "p95Ms", "p99Ms", "queriesPerSecond", "peakWorkingSetBytes"],
            names);
        Assert.Equal(3, json.RootElement.GetProperty("passages").GetInt32());
        Assert.True(json.RootElement.GetProperty("indexBytes").GetInt64() > 0);
        Assert.True(json.RootElement.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        Assert.All(json.RootElement.EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
    }

    [Fact]
    public async Task BenchVectorsJson_SaysTheVectorsAreSyntheticAndTimesThem()
    {
        var (exit, output, error) = await RunAsync("bench", "--mode", "vectors", "--sentences", "300", "--min-seconds", "0", "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("synthetic", json.RootElement.GetProperty("vectors").GetString());
        Assert.Equal(300, json.RootElement.GetProperty("sentences").GetInt32());
        Assert.True(json.RootElement.GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("p99Ms").GetDouble() >= json.RootElement.GetProperty("p50Ms").GetDouble());
        Assert.True(json.RootElement.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        Assert.True(json.RootElement.GetProperty("storeBytes").GetInt64() > 300 * 384);
    }

    [Fact]
    public async Task Bench_SentencesWithoutVectorsMode_IsAUsageError()
    {
        var (exit, _, error) = await RunAsync("bench", "--corpus", _corpus.CorpusDirectory, "--queries", Queries(), "--sentences", "10");

        Assert.NotEqual(0, exit);
        Assert.Contains("--sentences needs --mode vectors", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_SearchWithoutQueries_IsAUsageError()
    {
        var (exit, _, error) = await RunAsync("bench", "--corpus", _corpus.CorpusDirectory);

        Assert.NotEqual(0, exit);
        Assert.Contains("--queries", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchText_Output_NamesEveryMeasure()
    {
        var (exit, output, _) = await RunAsync("bench", "--min-seconds", "0", "--corpus", _corpus.CorpusDirectory, "--queries", Queries());
        Assert.Equal(0, exit);
        foreach (var label in new[] { "passages:", "index seconds:", "passages/s:", "index bytes:", "p50 ms:", "p95 ms:", "p99 ms:", "queries/s:", "peak working set:", "allocated/query:", "GC pauses:" })
        {
            Assert.Contains(label, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bench_GivenIndexFolder_BuildsIntoItAndKeepsIt()
    {
        var (exit, _, _) = await RunAsync("bench", "--min-seconds", "0", "--corpus", _corpus.CorpusDirectory, "--queries", Queries(), "--index", _corpus.IndexDirectory);
        Assert.Equal(0, exit);
        Assert.NotEmpty(Directory.GetFiles(_corpus.IndexDirectory));
    }

    [Fact]
    public async Task Bench_HybridRetrieval_TimesAnswersWithEmbeddings()
    {
        var (exit, output, _) = await RunAsync("bench", "--min-seconds", "0", "--corpus", _corpus.CorpusDirectory, "--queries", Queries(), "--retrieval", "hybrid", "--mode", "ask", "--json");
        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("passages").GetInt32() > 0);
    }

    [Fact]
    public async Task Bench_MissingQueriesFile_IsAUsageError()
    {
        Queries();
        var (exit, _, error) = await RunAsync("bench", "--min-seconds", "0", "--corpus", _corpus.CorpusDirectory, "--queries", Path.Combine(_corpus.Root, "nope.txt"));
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("nope.txt", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_TwoThreads_AnswersEveryQueryAndReportsTheTotalRate()
    {
        var (exit, output, error) = await RunAsync(
            "bench", "--min-seconds", "0", "--corpus", _corpus.CorpusDirectory, "--queries", Queries(), "--mode", "ask", "--threads", "2", "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("queriesPerSecond").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("p50Ms").GetDouble() > 0);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    public async Task Bench_ThreadsOutOfRange_IsAUsageError(string threads)
    {
        var (exit, _, error) = await RunAsync("bench", "--min-seconds", "0", "--corpus", _corpus.CorpusDirectory, "--queries", Queries(), "--threads", threads);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--threads", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_MinSeconds_RepeatsTheQueriesUntilItHasPassed()
    {
        // Three keyword queries take a few milliseconds a pass, so a one-second minimum needs many passes.
        var (exit, output, error) = await RunAsync("bench", "--min-seconds", "1", "--corpus", _corpus.CorpusDirectory, "--queries", Queries());

        Assert.True(exit == 0, error);
        var timed = System.Text.RegularExpressions.Regex.Match(output, @"; ([\d,]+) timed");
        Assert.True(timed.Success, output);
        Assert.True(int.Parse(timed.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 3, output);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("601")]
    public async Task Bench_MinSecondsOutOfRange_IsAUsageError(string seconds)
    {
        var (exit, _, error) = await RunAsync("bench", "--corpus", _corpus.CorpusDirectory, "--queries", Queries(), "--min-seconds", seconds);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--min-seconds", error, StringComparison.Ordinal);
    }
}
