using System.CommandLine;
using System.Diagnostics;
using HistoryBot.Core;
using HistoryBot.Core.Evaluation;
using HistoryBot.Core.Retrieval;
using HistoryBot.QuestionLog;
using Lucene.Net.QueryParsers.Classic;

namespace HistoryBot.Cli.Commands;

/// <summary>
/// `historybot bench --corpus DIR --queries FILE [--mode search|ask] [--retrieval lexical|hybrid] [--json]`:
/// builds a fresh index of the corpus, runs every query once as warm-up, then times rounds over every query until
/// `--min-seconds` have passed (on `--threads` loops at once, top 10), and reports indexing rate, index size, query
/// latency percentiles and peak memory.
/// </summary>
public sealed partial class BenchCommand(ConsoleIO io, EngineFactory engines)
{
    public const int TopK = 10;

    private readonly QuestionLogging _logging = new(engines, "bench");
    /// <summary>Most query loops `--threads` may run at once.</summary>
    public const int MaxThreads = 64;

    /// <summary>
    /// Default least time each timed loop runs, repeating the queries: a list of 100 questions takes well under a second,
    /// where thread start-up and tiered-JIT noise swamp the figure (146 questions, 2 threads: 1.25x to 1.4x the 1-thread
    /// queries/s one pass at a time, 1.7x to 2.0x over ten passes).
    /// </summary>
    public const double DefaultMinSeconds = 2;

    public Command Build()
    {
        var queries = new Option<string>("--queries")
        {
            Description = "File of queries, one per line; in a tab-separated file the last column is the query (not with --mode vectors or embed).",
        };
        var mode = new Option<string>("--mode")
        {
            Description = "search: Lucene query parser over the passage text, top 10 passages with stored text (the query the " +
                "reference harness runs on other engines); keyword: as `historybot search` (text, section and title) without " +
                "snippets; ask: full answer composition; vectors: the sentence-vector search alone, on --sentences synthetic vectors; " +
                "embed: sentences embedded per second (--corpus, no --queries).",
            DefaultValueFactory = _ => "search",
        };
        mode.AcceptOnlyFromAmong("search", "keyword", "ask", "vectors", "embed");
        var sentences = VectorBench.SentencesOption();
        var embed = new EmbedBench();
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object (for scripts)." };
        var keep = new Option<bool>("--keep-index")
        {
            Description = "Keep the index built in a temporary folder (it is deleted by default). With --index, the index is always kept.",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Query loops run at once, each over every query; queries/s is their total (default 1).",
            DefaultValueFactory = _ => 1,
        };
        var minSeconds = new Option<double>("--min-seconds")
        {
            Description = $"Each timed loop repeats the queries until this many seconds have passed (default {DefaultMinSeconds}; 0: one pass, as the Lucene Java harness does).",
            DefaultValueFactory = _ => DefaultMinSeconds,
        };
        minSeconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (>= 0 and <= 600))
            {
                result.AddError("--min-seconds must be between 0 and 600.");
            }
        });
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxThreads)
            {
                result.AddError($"--threads must be between 1 and {MaxThreads}.");
            }
        });
        var command = new Command("bench", "Benchmark: index a corpus from scratch, then time searches or answers.")
        {
            queries, mode, json, keep, threads, minSeconds, sentences, _logging.Log, _logging.LogPath,
        };
        foreach (var option in embed.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(mode) == "vectors")
            {
                return await VectorBench.RunAsync(io, parseResult, sentences, minSeconds, json, cancellationToken);
            }

            if (parseResult.GetValue(mode) == "embed")
            {
                return await embed.RunAsync(io, engines, parseResult, parseResult.GetValue(json), cancellationToken);
            }

            if (parseResult.GetResult(sentences) is { Implicit: false })
            {
                throw new UsageException("--sentences needs --mode vectors.");
            }

            var lines = ReadQueries(parseResult.GetValue(queries)
                ?? throw new UsageException("--queries FILE is needed (except with --mode vectors or embed)."));
            if (parseResult.GetValue(_logging.Log) && parseResult.GetValue(mode) != "ask")
            {
                throw new UsageException("--log needs --mode ask: searches give no answers to log.");
            }

            var options = engines.IndexOptions(parseResult);
            var tempIndex = parseResult.GetValue(engines.Common.Index) is not { Length: > 0 };
            if (tempIndex)
            {
                options.IndexDirectory = Path.Combine(Path.GetTempPath(), "historybot-bench-" + Guid.NewGuid().ToString("N"));
            }

            try
            {
                using var loggers = engines.CreateLoggerFactory(parseResult);
                await using var log = _logging.Open(parseResult, loggers, onByDefault: false);
                var loops = new Loops(parseResult.GetValue(threads), TimeSpan.FromSeconds(parseResult.GetValue(minSeconds)));
                var result = Run(options, lines, parseResult.GetValue(mode)!, loops, parseResult, log, cancellationToken);
                await io.Out.WriteAsync(parseResult.GetValue(json) ? ToJson(result) + "\n" : ToText(result, parseResult.GetValue(mode)!));
                await io.Out.FlushAsync(cancellationToken);
            }
            finally
            {
                if (tempIndex && !parseResult.GetValue(keep) && Directory.Exists(options.IndexDirectory))
                {
                    Directory.Delete(options.IndexDirectory, recursive: true);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What one benchmark run measured.</summary>
    public sealed record BenchResult(
        int Passages,
        double IndexSeconds,
        double PassagesPerSecond,
        long IndexBytes,
        double P50Ms,
        double P95Ms,
        double P99Ms,
        double QueriesPerSecond,
        long PeakWorkingSetBytes,
        int Queries,
        string IndexPath,
        int Threads = 1,
        int TimedQueries = 0,
        int Gen0Collections = 0,
        long BytesPerQuery = 0,
        TimeSpan GcPause = default,
        double TimedSeconds = 0);

    internal static IReadOnlyList<string> ReadQueries(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"the queries file '{path}' does not exist.");
        }

        var result = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            var query = line[(line.LastIndexOf('\t') + 1)..].Trim();
            if (query.Length > 0)
            {
                result.Add(query);
            }
        }

        if (result.Count == 0)
        {
            throw new UsageException($"the queries file '{path}' has no queries.");
        }

        return result;
    }

    private BenchResult Run(
        Core.Indexing.IndexOptions options, IReadOnlyList<string> queries, string mode, Loops loops, ParseResult parseResult, IQuestionLog log, CancellationToken cancellationToken)
    {
        using var loggers = engines.CreateLoggerFactory(parseResult);
        var indexClock = Stopwatch.StartNew();
        // Lexical unless --retrieval hybrid is asked for: the comparison with other engines is a keyword one.
        var retrieval = engines.RetrievalOptions(parseResult);
        if (parseResult.GetValue(engines.Common.Retrieval) is null)
        {
            retrieval.Mode = Core.Retrieval.RetrievalMode.Lexical;
        }

        using var engine = engines.Open(options, loggers, retrieval, forceRebuild: true, cancellationToken: cancellationToken);
        indexClock.Stop();
        var indexBytes = new DirectoryInfo(options.IndexDirectory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

        var ask = mode == "ask";

        // Plain text, not Lucene syntax: a question's "?" must not become a wildcard.
        var texts = ask ? queries : queries.Select(q => QueryParserBase.Escape(q)).ToList();

        // Warm-up on as many threads as are timed and for as long, so every thread's caches (and the embedder's pool) are
        // ready and the JIT has compiled the hot paths at full optimisation: with a one-pass warm-up, tiering still ran
        // during the timed loops and took the second core from the second loop.
        var threads = loops.Threads;
        var sink = RunLoops(engine, texts, mode, loops, new double[threads][], null, cancellationToken);
        var times = new double[threads][];
        var collections = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes();
        var paused = GC.GetTotalPauseDuration();
        var total = Stopwatch.StartNew();
        sink += RunLoops(engine, texts, mode, loops, times, log, cancellationToken);
        total.Stop();
        collections = GC.CollectionCount(0) - collections;
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        paused = GC.GetTotalPauseDuration() - paused;
        GC.KeepAlive(sink);
        var all = times.SelectMany(t => t).Order().ToArray();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var passages = engine.Stats.Passages;
        var seconds = indexClock.Elapsed.TotalSeconds;
        return new BenchResult(
            passages,
            seconds,
            passages / Math.Max(seconds, 1e-9),
            indexBytes,
            Percentiles.NearestRank(all, 0.50),
            Percentiles.NearestRank(all, 0.95),
            Percentiles.NearestRank(all, 0.99),
            all.Length / Math.Max(total.Elapsed.TotalSeconds, 1e-9),
            process.PeakWorkingSet64,
            queries.Count,
            Path.GetFullPath(options.IndexDirectory),
            threads,
            all.Length,
            collections,
            allocated / Math.Max(all.Length, 1),
            paused,
            total.Elapsed.TotalSeconds);
    }

    /// <summary>How many query loops run at once, and the least time each runs (whole passes over the queries).</summary>
    public sealed record Loops(int Threads, TimeSpan MinimumTime);

    /// <summary>
    /// Runs the loops at once, each over every query (loop k starting k/threads of the way in, so they do not ask the
    /// same question at the same moment) and again until its minimum time has passed; each loop's latencies go to
    /// <paramref name="times"/>[k].
    /// </summary>
    private static long RunLoops(
        HistoryBotEngine engine, IReadOnlyList<string> texts, string mode, Loops loops, double[][] times, IQuestionLog? log, CancellationToken cancellationToken)
    {
        var threads = loops.Threads;
        var sinks = new long[threads];
        var workers = Enumerable.Range(0, threads).Select(k => new Thread(() =>
        {
            var own = new List<double>(texts.Count);
            var offset = k * texts.Count / threads;
            var clock = Stopwatch.StartNew();
            do
            {
                for (var i = 0; i < texts.Count && !cancellationToken.IsCancellationRequested; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    sinks[k] += RunOne(engine, texts[(offset + i) % texts.Count], mode, log);
                    own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
            while (clock.Elapsed < loops.MinimumTime && !cancellationToken.IsCancellationRequested);

            times[k] = [.. own];
        })
        {
            IsBackground = true,
            Name = $"bench-{k}",
        }).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        cancellationToken.ThrowIfCancellationRequested();
        return sinks.Sum();
    }

    /// <summary>Runs one query; with a log (timed ask runs with --log), records the answer: Record only queues.</summary>
    private static long RunOne(HistoryBotEngine engine, string query, string mode, IQuestionLog? log)
    {
        if (mode == "ask")
        {
            var answer = engine.Ask(query);
            log?.Record(QuestionLogging.ToEntry("bench", answer, engine.Mode));
            return answer.Answered ? 1 : 0;
        }

        try
        {
            var hits = engine.SearchPassages(query, TopK, textOnly: mode == "search");
            return hits.Count == 0 ? 0 : hits[0].Text.Length;
        }
        catch (QuerySyntaxException)
        {
            // An empty query after escaping (e.g. only stop words) counts as a query with no hits.
            return 0;
        }
    }
}
