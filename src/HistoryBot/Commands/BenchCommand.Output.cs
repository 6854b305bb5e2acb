using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HistoryBot.Cli.Commands;

/// <summary>How `bench` writes what it measured: JSON for scripts (the fields `bench/compare.sh` reads), text for a person.</summary>
public sealed partial class BenchCommand
{
    internal static string ToJson(BenchResult r)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("passages", r.Passages);
            json.WriteNumber("indexSeconds", Math.Round(r.IndexSeconds, 3));
            json.WriteNumber("passagesPerSecond", Math.Round(r.PassagesPerSecond, 1));
            json.WriteNumber("indexBytes", r.IndexBytes);
            json.WriteNumber("p50Ms", Math.Round(r.P50Ms, 4));
            json.WriteNumber("p95Ms", Math.Round(r.P95Ms, 4));
            json.WriteNumber("p99Ms", Math.Round(r.P99Ms, 4));
            json.WriteNumber("queriesPerSecond", Math.Round(r.QueriesPerSecond, 1));
            json.WriteNumber("peakWorkingSetBytes", r.PeakWorkingSetBytes);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string ToText(BenchResult r, string mode) => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        passages:         {r.Passages:N0}
        index seconds:    {r.IndexSeconds:0.00}
        passages/s:       {r.PassagesPerSecond:N0}
        index bytes:      {r.IndexBytes:N0} ({r.IndexBytes / 1048576.0:0.0} MiB)
        queries ({mode}): {r.Queries:N0}, top {TopK}; {r.TimedQueries:N0} timed
        p50 ms:           {r.P50Ms:0.000}
        p95 ms:           {r.P95Ms:0.000}
        p99 ms:           {r.P99Ms:0.000}
        threads:          {r.Threads}
        queries/s:        {r.QueriesPerSecond:N0}
        peak working set: {r.PeakWorkingSetBytes / 1048576.0:N0} MiB
        allocated/query:  {r.BytesPerQuery / 1024.0:N0} KiB ({r.Gen0Collections:N0} gen0 collections while timed)
        GC pauses:        {r.GcPause.TotalMilliseconds:N0} ms ({100 * r.GcPause.TotalSeconds / Math.Max(r.TimedSeconds, 1e-9):0.0} % of the timed run)

        """);
}
