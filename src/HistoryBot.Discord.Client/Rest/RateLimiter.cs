using System.Collections.Concurrent;

namespace HistoryBot.Discord.Client.Rest;

/// <summary>
/// Per-route buckets learned from <c>X-RateLimit-Bucket</c> (keyed by bucket hash and top-level resource id), plus the
/// global pause that a global 429 imposes on every request.
/// </summary>
internal sealed class RateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _bucketHashByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _globalLock = new();
    private DateTimeOffset _globalResetAt = DateTimeOffset.MinValue;

    public RateLimitBucket GetBucket(RestRoute route)
    {
        var hash = _bucketHashByRoute.TryGetValue(route.Key, out var known) ? known : route.Key;
        return _buckets.GetOrAdd($"{hash}:{route.MajorId}", static _ => new RateLimitBucket());
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

        bucket.Update(headers, time.GetUtcNow());
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
}
