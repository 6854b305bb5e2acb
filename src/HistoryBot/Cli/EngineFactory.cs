using System.CommandLine;
using System.Globalization;
using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Live;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Semantic;
using HistoryBot.Documents;
using HistoryBot.Embeddings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Cli;

/// <summary>
/// Opens the engine for a command: resolves the corpus and index folders, wires logging and progress. Every engine of a
/// run comes from one <see cref="HistoryBotEngineBuilder"/>, so the embedding model is loaded at most once per run; it is
/// released by <see cref="Dispose"/> when the command has ended.
/// </summary>
/// <param name="embedder">An embedder the caller owns and shares between runs (tests); by default a run loads its own.</param>
public sealed class EngineFactory(ConsoleIO io, CommonOptions common, ITextEmbedder? embedder = null) : IDisposable
{
    public const string ShippedCorpusFolder = "corpus";

    private readonly Lock _gate = new();
    private IConfiguration? _configuration;
    private HistoryBotEngineBuilder? _builder;

    /// <summary>The run's configuration (<see cref="AppConfiguration.Build"/>); the app sets it before a command runs.</summary>
    public IConfiguration Configuration
    {
        get => _configuration ??= AppConfiguration.Build([]);
        set => _configuration = value;
    }

    /// <summary>The options every command takes (--corpus, --index, --verbose).</summary>
    public CommonOptions Common => common;

    /// <summary>Candidate retrieval settings from configuration (section "Retrieval"), validated.</summary>
    public RetrievalOptions RetrievalOptions()
    {
        return AppConfiguration.Bind(Configuration, "Retrieval", new RetrievalOptions());
    }

    /// <summary>
    /// Every answer stage's settings from configuration: each stage's options class is bound from the same section
    /// ("Retrieval", flat keys) and validated; <paramref name="retrieval"/>, when given, replaces the retrieval stage's.
    /// </summary>
    public AnswerOptions AnswerOptions(RetrievalOptions? retrieval = null)
    {
        var options = new AnswerOptions { Retrieval = retrieval ?? RetrievalOptions() };
        foreach (var stage in options.Stages)
        {
            if (ReferenceEquals(stage, options.Retrieval))
            {
                AppConfiguration.Validate(stage, "Retrieval");
            }
            else
            {
                AppConfiguration.Bind(Configuration, "Retrieval", stage);
            }
        }

        return options;
    }

    public static string ResolveCorpus(string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return requested;
        }

        var local = Path.Combine(Directory.GetCurrentDirectory(), ShippedCorpusFolder);
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, ShippedCorpusFolder);
    }

    public ILoggerFactory CreateLoggerFactory(ParseResult parseResult) =>
        LoggerFactory.Create(builder => builder
            .ClearProviders()
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new TextWriterLoggerProvider(io.Error, parseResult.GetValue(common.Verbose) ? LogLevel.Information : LogLevel.Warning)));

    public IndexOptions IndexOptions(ParseResult parseResult)
    {
        var options = AppConfiguration.Bind(Configuration, "Index", new IndexOptions { Readers = DocumentFormats.All });
        options.Readers = DocumentFormats.For(options.Limits);
        options.CorpusDirectory = ResolveCorpus(parseResult.GetValue(common.Corpus) ?? Configuration["Index:CorpusDirectory"]);
        if (parseResult.GetValue(common.Index) is { Length: > 0 } index)
        {
            options.IndexDirectory = index;
        }

        AppConfiguration.Validate(options, "Index");
        return options;
    }

    public HistoryBotEngine Open(
        ParseResult parseResult,
        ILoggerFactory loggers,
        RetrievalOptions? retrieval = null,
        bool forceRebuild = false,
        CancellationToken cancellationToken = default)
    {
        return Open(IndexOptions(parseResult), loggers, retrieval ?? RetrievalOptions(parseResult), forceRebuild, cancellationToken);
    }

    /// <summary>
    /// The engine of a long-running command (chat, discord): unless Index:WatchCorpus is false, it follows changes to the
    /// corpus folder, re-opening the engine with the same options and builder (so the same embedder) in the background,
    /// without a progress line in the middle of the conversation. A corpus with more sentences than
    /// Retrieval:MaxSentencesToEmbed is answered lexically at once while its sentences are embedded in the background,
    /// then hybrid.
    /// </summary>
    /// <param name="watch">False for a one-shot command (ask): no watch, but a damaged index is still repaired.</param>
    public LiveAnswerService OpenLive(ParseResult parseResult, ILoggerFactory loggers, CancellationToken cancellationToken, bool watch = true)
    {
        var options = IndexOptions(parseResult);
        options.WatchCorpus &= watch;
        var retrieval = RetrievalOptions(parseResult);
        var answers = AnswerOptions(retrieval);
        // A corpus over Retrieval:MaxSentencesToEmbed is answered lexically at once and embedded in the background.
        var live = LiveAnswerService.Start(
            token => Open(options, loggers, retrieval, cancellationToken: token),
            token => Builder(loggers).ReportProgress(null).Build(options, answers, cancellationToken: token),
            options,
            loggers,
            repair: token => Builder(loggers).ReportProgress(null).Repair(options, answers, token),
            cancellationToken: cancellationToken);
        // A one-shot command (ask) answers from what there is: nothing is left running after it.
        return watch ? live.EmbedPendingSentences((progress, token) => Builder(loggers).EmbedSentences(options, progress, token)) : live;
    }

    /// <summary>
    /// Retrieval settings from configuration, with --retrieval (when given) choosing the mode. The other answer stages'
    /// settings (same section) are checked too, so that a bad one is reported before any work starts.
    /// </summary>
    public RetrievalOptions RetrievalOptions(ParseResult parseResult)
    {
        var options = RetrievalOptions();
        if (parseResult.GetValue(common.Retrieval) is { } mode)
        {
            options.Mode = mode == "lexical" ? RetrievalMode.Lexical : RetrievalMode.Hybrid;
        }

        _ = AnswerOptions(options);
        return options;
    }

    /// <summary>Opens the engine over explicit index options (the bench command builds into a folder of its own).</summary>
    public HistoryBotEngine Open(
        IndexOptions options,
        ILoggerFactory loggers,
        RetrievalOptions? retrieval = null,
        bool forceRebuild = false,
        CancellationToken cancellationToken = default)
    {
        var answerOptions = AnswerOptions(retrieval);
        var progress = io.ErrorIsTerminal ? new TerminalProgress(io.Error) : null;
        try
        {
            return Builder(loggers).ReportProgress(progress, progress).Build(options, answerOptions, forceRebuild, cancellationToken);
        }
        finally
        {
            progress?.Done();
        }
    }

    /// <summary>Releases the run's embedding model; call it after every engine of the run has been disposed.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _builder?.Dispose();
            _builder = null;
        }
    }

    private HistoryBotEngineBuilder Builder(ILoggerFactory loggers)
    {
        lock (_gate)
        {
            if (_builder is null)
            {
                _builder = new HistoryBotEngineBuilder(loggers);
                _ = embedder is null
                    ? _builder.UseEmbedder(l => new ArcticXsEmbedder(l.CreateLogger<ArcticXsEmbedder>()))
                    : _builder.UseEmbedder(embedder);
            }

            return _builder;
        }
    }

    /// <summary>One self-overwriting status line on a terminal (indexing, then embedding); nothing when output is piped.</summary>
    private sealed class TerminalProgress(TextWriter writer) : IProgress<IndexProgress>, IProgress<EmbeddingProgress>
    {
        private readonly System.Diagnostics.Stopwatch _embedding = new();
        private TimeSpan? _last;
        private bool _shown;

        public void Report(EmbeddingProgress value)
        {
            if (!_embedding.IsRunning)
            {
                Done();
                _shown = false;
                _last = null;
                _embedding.Start();
            }

            var elapsed = _embedding.Elapsed;
            if (_last is { } last && elapsed - last < TimeSpan.FromMilliseconds(250) && value.Embedded < value.Total)
            {
                return;
            }

            _last = elapsed;
            var rate = value.Embedded / Math.Max(elapsed.TotalSeconds, 1e-3);
            var remaining = rate <= 0 ? 0 : (value.Total - value.Embedded) / rate;
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"\rEmbedding sentences: {value.Embedded:N0}/{value.Total:N0}, {rate:N0}/s, ETA {remaining:N0} s   "));
            writer.Flush();
            _shown = true;
        }

        public void Report(IndexProgress value)
        {
            if (_last is { } last && value.Elapsed - last < TimeSpan.FromMilliseconds(250) && value.FilesDone < value.FilesTotal)
            {
                return;
            }

            _last = value.Elapsed;
            var seconds = Math.Max(value.Elapsed.TotalSeconds, 1e-3);
            var rate = value.Passages / seconds;
            var remaining = value.FilesDone == 0 ? 0 : seconds * (value.FilesTotal - value.FilesDone) / value.FilesDone;
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"\rIndexing: {value.FilesDone:N0}/{value.FilesTotal:N0} files, {value.Passages:N0} passages, {rate:N0} passages/s, ETA {remaining:N0} s   "));
            writer.Flush();
            _shown = true;
        }

        public void Done()
        {
            if (_shown)
            {
                writer.WriteLine();
                _shown = false;
            }
        }

    }
}
