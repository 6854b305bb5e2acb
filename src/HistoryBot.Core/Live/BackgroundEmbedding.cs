using HistoryBot.Core.Semantic;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Live;

/// <summary>
/// One embedding of a corpus's sentences at a time, on a thread of its own: started when an engine answers lexically only
/// because its sentences are not embedded yet, stopped (cancelled, its saved progress kept) before the corpus is
/// re-indexed, and reporting how far it is. When it ends it calls <c>completed</c>, which re-opens the engine.
/// </summary>
internal sealed class BackgroundEmbedding(
    Action<IProgress<EmbeddingProgress>, CancellationToken> embed, Action completed, TimeProvider time, ILogger logger) : IDisposable
{
    /// <summary>How often the log says how far the embedding is.</summary>
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private CancellationTokenSource? _cancel;
    private Task _running = Task.CompletedTask;
    private EmbeddingProgress? _progress;
    private bool _disposed;

    /// <summary>How far the running embedding is; null when none runs.</summary>
    public EmbeddingProgress? Progress
    {
        get
        {
            lock (_gate)
            {
                return _running.IsCompleted ? null : _progress ?? new EmbeddingProgress(0, 0);
            }
        }
    }

    /// <summary>Starts an embedding unless one runs already.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_disposed || !_running.IsCompleted)
            {
                return;
            }

            _cancel?.Dispose();
            _cancel = new CancellationTokenSource();
            _progress = null;
            var token = _cancel.Token;
            _running = Task.Run(() => Run(token), CancellationToken.None);
        }
    }

    /// <summary>Cancels the running embedding and waits up to <paramref name="timeout"/> for it to stop.</summary>
    public void Stop(TimeSpan timeout)
    {
        Task running;
        lock (_gate)
        {
            _cancel?.Cancel();
            running = _running;
        }

        if (!running.Wait(timeout))
        {
            logger.LogDebug("The background embedding did not stop within {Seconds} s.", timeout.TotalSeconds);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        Stop(TimeSpan.FromSeconds(2));
    }

    private void Run(CancellationToken cancellationToken)
    {
        var lastLog = time.GetUtcNow();
        var progress = new SyncProgress(value =>
        {
            lock (_gate)
            {
                _progress = value;
            }

            var now = time.GetUtcNow();
            if (now - lastLog >= LogInterval)
            {
                lastLog = now;
                logger.LogInformation(
                    "Embedding sentences in the background: {Embedded:N0} of {Total:N0} ({Percent:0}%).",
                    value.Embedded,
                    value.Total,
                    100.0 * value.Embedded / Math.Max(1, value.Total));
            }
        });
        try
        {
            logger.LogInformation("Embedding the corpus's sentences in the background; answers are lexical until it is done.");
            embed(progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("The background embedding stopped; its progress is saved and the next run resumes it.");
            return;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Embedding the corpus's sentences in the background failed; answering with keywords only until the corpus changes.");
            return;
        }

        logger.LogInformation("Every sentence is embedded: switching to hybrid retrieval.");
        completed();
    }

    /// <summary>Reports on the embedding thread itself (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<EmbeddingProgress> report) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => report(value);
    }
}
