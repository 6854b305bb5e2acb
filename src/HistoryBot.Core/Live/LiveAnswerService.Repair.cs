using System.Runtime.ExceptionServices;
using HistoryBot.Core.Indexing;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Live;

/// <summary>
/// The service's answer to a damaged index found while answering (a bad disk sector under a running bot): a read that
/// fails the way a damaged file makes it fail has the index's checksums checked; if one fails, the index is rebuilt as
/// `index --verify` does (one warning naming the file), swapped in, and the question asked again.
/// </summary>
public sealed partial class LiveAnswerService
{
    /// <summary>One repair at a time: questions that failed together wait for it and then use the repaired engine.</summary>
    private readonly Lock _repairGate = new();

    private T Use<T>(Func<HistoryBotEngine, T> work, CancellationToken cancellationToken)
    {
        var lease = Acquire();
        Exception failure;
        try
        {
            return work(lease.Engine);
        }
        catch (Exception e) when (_repair is not null && !cancellationToken.IsCancellationRequested && IndexDamage.MayBeDamage(e))
        {
            failure = e;
        }
        finally
        {
            lease.Release();
        }

        if (!Repair(lease, failure, cancellationToken))
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        lease = Acquire();
        try
        {
            return work(lease.Engine);
        }
        finally
        {
            lease.Release();
        }
    }

    /// <summary>
    /// Repairs the index after <paramref name="failure"/> on <paramref name="failed"/>'s engine. False when its checksums
    /// are sound: the failure is not a damaged file and is reported as it is.
    /// </summary>
    /// <exception cref="IndexDamagedException">The index is damaged and can't be rebuilt (a read-only folder, a full disk).</exception>
    private bool Repair(EngineLease failed, Exception failure, CancellationToken cancellationToken)
    {
        lock (_repairGate)
        {
            if (!ReferenceEquals(Current, failed))
            {
                // Repaired (or reloaded) while this question waited.
                return true;
            }

            if (failed.Engine.FindDamage(cancellationToken) is not { } damage)
            {
                return false;
            }

            _logger.LogInformation(failure, "Reading the index failed on a damaged file; rebuilding the index.");
            HistoryBotEngine engine;
            StopEmbedding(); // It holds the index's build lock.
            try
            {
                engine = _repair!(cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
            {
                throw new IndexDamagedException(failed.Engine.IndexPath, IndexDamage.FileOf(damage), e);
            }

            if (SwapIn(engine, changedAt: null) is not { } previous)
            {
                return false;
            }

            previous.Retire();
            StartEmbeddingIfPending(engine);
            return true;
        }
    }

    /// <summary>
    /// Makes <paramref name="engine"/> the one questions use and returns the previous one, for the caller to retire; null
    /// (the engine disposed) once the service is disposed. <paramref name="changedAt"/>, for a reload, is when the corpus
    /// changed.
    /// </summary>
    private EngineLease? SwapIn(HistoryBotEngine engine, DateTimeOffset? changedAt)
    {
        EngineLease previous;
        lock (_gate)
        {
            if (_disposed)
            {
                engine.Dispose();
                return null;
            }

            previous = _current;
            var report = engine.IndexReport;
            if (changedAt is { } changed && (report.Kind != IndexBuildKind.Reused || report.Stats != previous.Engine.Stats))
            {
                _corpusChanged = changed;
            }

            Volatile.Write(ref _current, new EngineLease(engine));
        }

        return previous;
    }
}
