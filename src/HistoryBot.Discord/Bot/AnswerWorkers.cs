namespace HistoryBot.Discord.Bot;

/// <summary>
/// Runs the (CPU-bound, synchronous) answers on the thread pool, at most <c>maxConcurrency</c> at once; the rest wait
/// their turn in order. Every submitted piece of work runs exactly once unless it is cancelled before its turn.
/// The thread pool is kept large enough for the gateway's heartbeats by the host (see DiscordBotRunner).
/// </summary>
internal sealed class AnswerWorkers(int maxConcurrency)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrency), Math.Max(1, maxConcurrency));

    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
