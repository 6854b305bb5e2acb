using System.Collections.Concurrent;

namespace HistoryBot.Discord.Client.Rest;

/// <summary>
/// Per-route buckets learned from <c>X-RateLimit-Bucket</c> (keyed by bucket hash and top-level resource id), plus the
/// global pause that a global 429 imposes on every request. Bounded: interaction callbacks get a bucket per
/// interaction, so buckets idle for <see cref="IdleTimeout"/> (not in use, not waiting for a reset) are swept out, at
/// most once per <see cref="SweepInterval"/>, and at most <c>maxBuckets</c> are kept (the least recently used go first).
/// </summary>
internal sealed class RateLimiter(TimeProvider time, int maxBuckets = 10_000)
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, string> _bucketHashByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _globalLock = new();
    private readonly Lock _sweepLock = new();
    private DateTimeOffset _globalResetAt = DateTimeOffset.MinValue;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Buckets currently kept (for tests and diagnostics).</summary>
    public int BucketCount => _buckets.Count;

    public RateLimitBucket GetBucket(RestRoute route)
    {
        var now = time.GetUtcNow();
        SweepIfDue(now);
        var hash = _bucketHashByRoute.TryGetValue(route.Key, out var known) ? known : route.Key;
        var bucket = _buckets.GetOrAdd($"{hash}:{route.MajorId}", static _ => new RateLimitBucket());
        bucket.Touch(now);
        return bucket;
    }

    /// <summary>How long every request must still wait because of a global 429.</summary>
    public TimeSpan GlobalDelay
    {
        get
        {
            lock (_globalLock)
            {
                var now = time.GetUtcNow();
                return _globalResetAt > now ? _globalResetAt - now : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Learns the route's bucket hash and updates the bucket; returns the bucket future requests use.</summary>
    public RateLimitBucket Update(RestRoute route, RateLimitBucket current, RateLimitHeaders headers)
    {
        var bucket = current;
        if (headers.Bucket is { Length: > 0 } hash
            && (!_bucketHashByRoute.TryGetValue(route.Key, out var known) || !string.Equals(known, hash, StringComparison.Ordinal)))
        {
            _bucketHashByRoute[route.Key] = hash;
            bucket = _buckets.GetOrAdd($"{hash}:{route.MajorId}", current);
        }

        var now = time.GetUtcNow();
        bucket.Update(headers, now);
        bucket.Touch(now);
        return bucket;
    }

    public void PauseGlobally(TimeSpan retryAfter)
    {
        lock (_globalLock)
        {
            var until = time.GetUtcNow() + retryAfter;
            if (until > _globalResetAt)
            {
                _globalResetAt = until;
            }
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if ((now < _nextSweep && _buckets.Count < maxBuckets) || !_sweepLock.TryEnter())
        {
            return;
        }

        try
        {
            _nextSweep = now + SweepInterval;
            foreach (var (key, bucket) in _buckets)
            {
                if (bucket.IsIdle(now, IdleTimeout))
                {
                    _buckets.TryRemove(KeyValuePair.Create(key, bucket));
                }
            }

            var excess = _buckets.Count - (maxBuckets - 1);
            if (excess > 0)
            {
                foreach (var (key, bucket) in _buckets.Where(b => b.Value.IsIdle(now, TimeSpan.Zero)).OrderBy(b => b.Value.LastUsed).Take(excess).ToList())
                {
                    _buckets.TryRemove(KeyValuePair.Create(key, bucket));
                }
            }
        }
        finally
        {
            _sweepLock.Exit();
        }
    }
}
