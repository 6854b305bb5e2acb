using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using HistoryBot.Core.Evaluation;
using HistoryBot.Core.Semantic;

namespace HistoryBot.Cli.Commands;

/// <summary>
/// `historybot bench --mode vectors --sentences N [--json]`: times the sentence-vector search alone on N synthetic unit
/// vectors (see <see cref="VectorStageBenchmark"/>), so its growth with the corpus shows without embedding a corpus.
/// </summary>
internal static class VectorBench
{
    public const int DefaultSentences = 50_000;
    public const int MaxSentences = 5_000_000;

    public static Option<int> SentencesOption()
    {
        var option = new Option<int>("--sentences")
        {
            Description = $"With --mode vectors: how many synthetic sentence vectors to search (default {DefaultSentences:N0}).",
            DefaultValueFactory = _ => DefaultSentences,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxSentences)
            {
                result.AddError($"--sentences must be between 1 and {MaxSentences:N0}.");
            }
        });
        return option;
    }

    public static async Task<int> RunAsync(
        ConsoleIO io, ParseResult parseResult, Option<int> sentences, Option<double> minSeconds, Option<bool> json, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "historybot-bench-vectors-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = VectorStageBenchmark.Run(
                parseResult.GetValue(sentences), folder, TimeSpan.FromSeconds(parseResult.GetValue(minSeconds)), cancellationToken: cancellationToken);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var peak = process.PeakWorkingSet64;
            await io.Out.WriteAsync(parseResult.GetValue(json) ? ToJson(result, peak) + "\n" : ToText(result, peak));
            await io.Out.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    internal static string ToJson(VectorBenchmarkResult r, long peakWorkingSet)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("vectors", "synthetic");
            json.WriteNumber("sentences", r.Sentences);
            json.WriteNumber("dimensions", r.Dimensions);
            json.WriteNumber("k", r.K);
            json.WriteNumber("storeBytes", r.StoreBytes);
            json.WriteNumber("setupSeconds", Math.Round(r.SetupSeconds, 3));
            json.WriteNumber("p50Ms", Math.Round(Percentiles.NearestRank(r.LatenciesMs, 0.50), 4));
            json.WriteNumber("p95Ms", Math.Round(Percentiles.NearestRank(r.LatenciesMs, 0.95), 4));
            json.WriteNumber("p99Ms", Math.Round(Percentiles.NearestRank(r.LatenciesMs, 0.99), 4));
            json.WriteNumber("queriesPerSecond", Math.Round(r.QueriesPerSecond, 1));
            json.WriteNumber("peakWorkingSetBytes", peakWorkingSet);
            json.WriteNumber("managedHeapBytes", r.ManagedHeapBytes);
            json.WriteString("search", r.Shortlisted ? "shortlist" : "exact");
            json.WriteNumber("codeBytes", r.CodeBytes);
            json.WriteNumber("codeBuildSeconds", Math.Round(r.CodeBuildSeconds, 3));
            json.WriteNumber("recallAt10", Math.Round(r.RecallAt10, 4));
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string ToText(VectorBenchmarkResult r, long peakWorkingSet) => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        vectors:          {r.Sentences:N0} synthetic sentence vectors ({r.Dimensions} dimensions, int8, memory-mapped), top {r.K}
        store bytes:      {r.StoreBytes:N0} ({r.StoreBytes / 1048576.0:0.0} MiB)
        setup seconds:    {r.SetupSeconds:0.00}
        p50 ms:           {Percentiles.NearestRank(r.LatenciesMs, 0.50):0.000}
        p95 ms:           {Percentiles.NearestRank(r.LatenciesMs, 0.95):0.000}
        p99 ms:           {Percentiles.NearestRank(r.LatenciesMs, 0.99):0.000}
        queries/s:        {r.QueriesPerSecond:N0}
        peak working set: {peakWorkingSet / 1048576.0:N0} MiB (the mapped vectors count once paged in)
        managed heap:     {r.ManagedHeapBytes / 1048576.0:N0} MiB
        search:           {(r.Shortlisted ? $"shortlisted by sign codes ({r.CodeBytes / 1048576.0:N0} MiB, built in {r.CodeBuildSeconds:0.00} s at the first search), then exact" : "exact scan")}
        recall@10:        {r.RecallAt10:0.0000} (against the exact scan)

        """);
}
