namespace HistoryBot.Discord.Client.Gateway;

/// <summary>
/// Lets shards IDENTIFY no faster than Discord allows: shard <c>i</c> uses rate-limit key <c>i % max_concurrency</c>,
/// and each key starts at most one IDENTIFY per window (5 s).
/// </summary>
public sealed class IdentifyGate(int maxConcurrency, TimeSpan window, TimeProvider time)
{
    private readonly int _maxConcurrency = Math.Max(1, maxConcurrency);
    private readonly Dictionary<int, DateTimeOffset> _nextAllowed = [];
    private readonly Lock _lock = new();

    public int MaxConcurrency => _maxConcurrency;

    public async Task WaitAsync(int shardId, CancellationToken cancellationToken)
    {
        var key = shardId % _maxConcurrency;
        TimeSpan wait;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var allowed = _nextAllowed.TryGetValue(key, out var next) && next > now ? next : now;
            _nextAllowed[key] = allowed + window;
            wait = allowed - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
