using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HistoryBot.Core;
using HistoryBot.Core.Retrieval;
using HistoryBot.Embeddings;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Cli.Commands;

/// <summary>
/// `historybot bench --mode embed --corpus DIR [--json]`: indexes the corpus into a temporary folder, loads the model and
/// warms every encoder, then times the embedding of all its sentences as the bot embeds them (same texts, batches,
/// checkpoints and saved store), and reports sentences per second. The encoder settings can be varied to compare them.
/// </summary>
internal sealed class EmbedBench
{
    public Option<int> BatchSize { get; } = new("--batch-size")
    {
        Description = $"--mode embed: texts per encoder call (default {SentenceTransformerEmbedder.DefaultBatchSize}).",
        DefaultValueFactory = _ => SentenceTransformerEmbedder.DefaultBatchSize,
    };

    public Option<int?> Encoders { get; } = new("--encoders")
    {
        Description = "--mode embed: encoders (model instances) at work at once (default: one per core).",
    };

    public Option<int?> IntraOpThreads { get; } = new("--intra-op-threads")
    {
        Description = "--mode embed: ONNX Runtime threads per encoder (default: the cores shared among the encoders; 0: ONNX Runtime's own default).",
    };

    public IEnumerable<Option> All => [BatchSize, Encoders, IntraOpThreads];

    public async Task<int> RunAsync(ConsoleIO io, EngineFactory engines, ParseResult parseResult, bool json, CancellationToken cancellationToken)
    {
        var batchSize = parseResult.GetValue(BatchSize);
        if (batchSize is < 1 or > 1024 || parseResult.GetValue(Encoders) is < 1 or > 64 || parseResult.GetValue(IntraOpThreads) is < 0 or > 64)
        {
            throw new UsageException("--batch-size must be 1-1024, --encoders 1-64 and --intra-op-threads 0-64.");
        }

        var index = engines.IndexOptions(parseResult);
        index.IndexDirectory = Path.Combine(Path.GetTempPath(), "historybot-bench-embed-" + Guid.NewGuid().ToString("N"));
        index.WatchCorpus = false;
        try
        {
            using var loggers = engines.CreateLoggerFactory(parseResult);
            using var embedder = new ArcticXsEmbedder(
                loggers.CreateLogger<ArcticXsEmbedder>(), batchSize, parseResult.GetValue(Encoders), parseResult.GetValue(IntraOpThreads));
            using var builder = new HistoryBotEngineBuilder(loggers).UseEmbedder(embedder);
            int sentences;
            using (var engine = builder.Build(index, new AnswerOptions { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical } }, cancellationToken: cancellationToken))
            {
                sentences = engine.Stats.Sentences;
            }

            // Warm-up off the clock: every encoder of the pool loaded and run once.
            _ = embedder.EmbedPassages(Enumerable.Repeat("The warm-up sentence of the benchmark.", embedder.PoolSize * batchSize).ToList(), null, cancellationToken);
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            builder.EmbedSentences(index, null, cancellationToken);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            process.Refresh();

            // CPU time too: on a machine shared with other work the wall-clock rate says more about the neighbours.
            var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var rate = sentences / Math.Max(seconds, 1e-9);
            var peak = process.PeakWorkingSet64;
            await io.Out.WriteLineAsync(json
                ? JsonSerializer.Serialize(new
                {
                    mode = "embed",
                    model = embedder.ModelId,
                    sentences,
                    seconds = Math.Round(seconds, 3),
                    sentencesPerSecond = Math.Round(rate, 1),
                    cpuSeconds = Math.Round(cpuSeconds, 3),
                    sentencesPerCpuSecond = Math.Round(sentences / Math.Max(cpuSeconds, 1e-9), 1),
                    batchSize,
                    encoders = embedder.PoolSize,
                    intraOpThreads = embedder.IntraOpThreads,
                    cores = Environment.ProcessorCount,
                    peakWorkingSetBytes = peak,
                })
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"embedded {sentences:N0} sentences in {seconds:N1} s: {rate:N1} sentences/s ({sentences / Math.Max(cpuSeconds, 1e-9):N1} per CPU-second, {cpuSeconds:N1} s of CPU)\n" +
                    $"  batch size {batchSize}, {embedder.PoolSize} encoder(s) x {embedder.IntraOpThreads} intra-op thread(s), {Environment.ProcessorCount} cores\n" +
                    $"  peak memory: {peak / 1048576.0:N0} MiB"));
            await io.Out.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            if (Directory.Exists(index.IndexDirectory))
            {
                Directory.Delete(index.IndexDirectory, recursive: true);
            }
        }
    }
}
