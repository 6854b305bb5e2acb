using HistoryBot.Core.Answering;
using HistoryBot.Core.Corpus;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Core.Live;

/// <summary>
/// An answer service over a corpus that changes while it runs (chat, Discord): when documents are added, changed,
/// renamed or deleted, the index is updated in the background (only the changed files are re-read and re-embedded, by
/// the engine's own incremental update) and the new engine is swapped in at once. A question in flight finishes on the
/// engine it started with, which is disposed only after its last question ends; questions never wait for a reload. A
/// reload that fails is logged and the previous engine answers on; the next change tries again.
/// </summary>
public sealed partial class LiveAnswerService : IAnswerService, IDisposable
{
    /// <summary>
    /// How long the corpus folder must be quiet before a reload: a copy of many files, or an editor's save in several
    /// steps, is picked up in one reload, and a change is still answered within a couple of seconds.
    /// </summary>
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromSeconds(1);

    /// <summary>A folder that never stops changing (a long copy) is still reloaded this often.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="Dispose"/> waits for a cancelled reload to roll back before leaving it behind.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(2);

    private readonly Func<CancellationToken, HistoryBotEngine> _reopen;
    private readonly Func<CancellationToken, HistoryBotEngine>? _repair;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private CorpusWatcher? _watcher;
    private EngineLease _current;
    private Task _reloading = Task.CompletedTask;
    private bool _reloadPending;
    private bool _reloadRunning;
    private bool _disposed;
    private DateTimeOffset? _corpusChanged;
    private DateTimeOffset _requestedChange;

    /// <param name="engine">The engine over the corpus as it is now; the service owns it from here on.</param>
    /// <param name="reopen">
    /// Opens an engine over the corpus as it is then, updating the index incrementally (the same embedder each time).
    /// </param>
    /// <param name="corpusChanged">When the corpus last changed, if known otherwise than from the engine's own files.</param>
    public LiveAnswerService(
        HistoryBotEngine engine,
        Func<CancellationToken, HistoryBotEngine> reopen,
        DateTimeOffset? corpusChanged = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        Func<CancellationToken, HistoryBotEngine>? repair = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(reopen);
        _current = new EngineLease(engine);
        _reopen = reopen;
        _repair = repair;
        _corpusChanged = corpusChanged ?? engine.CorpusChanged;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Opens the engine with <paramref name="open"/> and, when <see cref="IndexOptions.WatchCorpus"/> is on, watches the
    /// corpus folder of <paramref name="options"/> from before that first open (a document added while the index is
    /// built is not missed): a change reloads, with <paramref name="reopen"/>, once the folder has been quiet for
    /// <paramref name="quietPeriod"/> (default <see cref="DefaultQuietPeriod"/>).
    /// </summary>
    /// <exception cref="CorpusNotFoundException">The corpus folder is missing or has no documents.</exception>
    public static LiveAnswerService Start(
        Func<CancellationToken, HistoryBotEngine> open,
        Func<CancellationToken, HistoryBotEngine> reopen,
        IndexOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        TimeSpan? quietPeriod = null,
        Func<CancellationToken, HistoryBotEngine>? repair = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<LiveAnswerService>();
        var early = new EarlyChanges();
        var watcher = options.WatchCorpus
            ? LiveCorpus.TryWatch(options, quietPeriod ?? DefaultQuietPeriod, DefaultMaxDelay, early.Changed, timeProvider, loggerFactory, logger)
            : null;
        HistoryBotEngine engine;
        try
        {
            engine = open(cancellationToken);
        }
        catch
        {
            watcher?.Dispose();
            throw;
        }

        var service = new LiveAnswerService(engine, reopen, timeProvider: timeProvider, logger: logger, repair: repair) { _watcher = watcher };
        early.Attach(service);
        return service;
    }

    /// <summary>True while the corpus folder is watched.</summary>
    public bool IsWatching => Volatile.Read(ref _watcher) is not null;

    /// <summary>Raised on the reload thread after a reload swapped in a new engine.</summary>
    public event Action<IndexBuildReport>? Reloaded;

    /// <summary>Raised on the reload thread after a reload failed (the previous engine answers on).</summary>
    public event Action<Exception>? ReloadFailed;

    public IndexStats Stats => Current.Engine.Stats;

    public IReadOnlyList<string> DocumentTitles => Current.Engine.DocumentTitles;

    /// <summary>The retrieval the current engine uses.</summary>
    public RetrievalMode Mode => Current.Engine.Mode;

    /// <summary>What opening the current engine did to the index.</summary>
    public IndexBuildReport IndexReport => Current.Engine.IndexReport;

    /// <summary>When the corpus last changed: its newest file at start, then the last change a reload picked up.</summary>
    public DateTimeOffset? CorpusChanged
    {
        get
        {
            lock (_gate)
            {
                return _corpusChanged;
            }
        }
    }

    internal EngineLease Current => Volatile.Read(ref _current);

    internal CorpusWatcher? Watcher => Volatile.Read(ref _watcher);

    public Answer Ask(string question, CancellationToken cancellationToken = default) => Ask(question, AnswerScope.Everything, cancellationToken);

    public SearchResult Search(string query, int limit = 10, CancellationToken cancellationToken = default) =>
        Search(query, limit, AnswerScope.Everything, cancellationToken);

    public IReadOnlyList<IndexedDocument> Documents => Current.Engine.Documents;

    public Answer Ask(string question, AnswerScope scope, CancellationToken cancellationToken = default) =>
        Use(engine => engine.Ask(question, scope, cancellationToken), cancellationToken);

    public SearchResult Search(string query, int limit, AnswerScope scope, CancellationToken cancellationToken = default) =>
        Use(engine => engine.Search(query, limit, scope, cancellationToken), cancellationToken);

    public bool IsName(string word) => Use(engine => engine.IsName(word), CancellationToken.None);

    /// <summary>Reloads now (see <see cref="ReloadAsync()"/>) and completes when no reload is pending any more.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) => ReloadAsync().WaitAsync(cancellationToken);

    /// <summary>
    /// Re-opens the engine over the corpus as it is now, in the background, and swaps it in. Reloads never overlap: one
    /// asked for while another runs is done once more after it, so the last change is always picked up. The task ends
    /// when no reload is pending; it never faults (a failure is logged).
    /// </summary>
    public Task ReloadAsync() => ReloadAsync(_time.GetUtcNow());

    internal Task ReloadAsync(DateTimeOffset changedAt)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return Task.CompletedTask;
            }

            _requestedChange = changedAt > _requestedChange ? changedAt : _requestedChange;
            // The loop decides under this lock whether to stop, so a request is either seen by it or starts a new one.
            _reloadPending = true;
            if (_reloadRunning)
            {
                return _reloading;
            }

            _reloadRunning = true;
            _reloading = Task.Run(ReloadLoop, CancellationToken.None);
            return _reloading;
        }
    }

    private void ReloadLoop()
    {
        var cancellationToken = _stopping.Token;
        while (true)
        {
            DateTimeOffset changedAt;
            lock (_gate)
            {
                if (!_reloadPending || _disposed)
                {
                    _reloadRunning = false;
                    return;
                }

                _reloadPending = false;
                changedAt = _requestedChange;
            }

            try
            {
                ReloadOnce(changedAt, cancellationToken);
            }
            catch (Exception e)
            {
                // Only an event handler or disposing the old engine can get here; the loop must go on regardless.
                _logger.LogError(e, "Swapping in the re-indexed corpus failed.");
            }
        }
    }

    private void ReloadOnce(DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        HistoryBotEngine engine;
        StopEmbedding();
        try
        {
            engine = _reopen(cancellationToken);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: whatever the cancelled reload ended with is no news.
            return;
        }
        catch (Exception e)
        {
            _logger.LogWarning(
                e, "Re-indexing after a change of the corpus failed; still answering from the previous index, and trying again at the next change.");
            ReloadFailed?.Invoke(e);
            StartEmbeddingIfPending(Current.Engine);
            return;
        }

        if (SwapIn(engine, changedAt) is not { } previous)
        {
            return;
        }

        var wasHybrid = previous.Engine.Mode == RetrievalMode.Hybrid;
        previous.Retire();
        StartEmbeddingIfPending(engine);
        var built = engine.IndexReport;
        if (built.Kind != IndexBuildKind.Reused)
        {
            _logger.LogInformation(
                "The corpus changed: {Indexed} file(s) re-indexed, {Removed} removed; {Documents} document(s) now.",
                built.FilesIndexed,
                built.FilesRemoved,
                built.Stats.Documents);
        }

        LogIfNowHybrid(wasHybrid, engine);
        Reloaded?.Invoke(built);
    }

    /// <summary>The current engine, counted as in use until <see cref="EngineLease.Release"/>.</summary>
    internal EngineLease Acquire()
    {
        while (true)
        {
            var lease = Current;
            lease.AddUser();
            if (ReferenceEquals(lease, Current))
            {
                return lease;
            }

            // Swapped meanwhile, and maybe retired already: take the new one.
            lease.Release();
        }
    }

    /// <summary>
    /// Stops watching, cancels a reload in progress (waiting briefly for it to roll back, never for long) and disposes
    /// the engine once the questions in flight have ended.
    /// </summary>
    public void Dispose()
    {
        Task reloading;
        EngineLease current;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            reloading = _reloading;
            current = _current;
        }

        Interlocked.Exchange(ref _watcher, null)?.Dispose();
        DisposeEmbedding();
        _stopping.Cancel();
        if (!reloading.Wait(StopTimeout))
        {
            _logger.LogDebug("A corpus reload still runs at shutdown; leaving it.");
        }

        current.Retire();
    }
}
