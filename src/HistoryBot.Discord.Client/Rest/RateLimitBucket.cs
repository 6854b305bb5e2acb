namespace HistoryBot.Discord.Client.Rest;

/// <summary>
/// One rate-limit bucket (a bucket hash and a top-level resource id). Requests through a bucket run one at a time;
/// when the bucket is spent, the next one waits until it resets.
/// </summary>
internal sealed class RateLimitBucket
{
    private readonly Lock _lock = new();
    private int? _remaining;
    private DateTimeOffset _resetAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUsed = DateTimeOffset.MinValue;

    /// <summary>Serialises requests in this bucket.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public int? Limit { get; private set; }

    public int? Remaining
    {
        get
        {
            lock (_lock)
            {
                return _remaining;
            }
        }
    }

    /// <summary>When a request last went through this bucket.</summary>
    public DateTimeOffset LastUsed
    {
        get
        {
            lock (_lock)
            {
                return _lastUsed;
            }
        }
    }

    public void Touch(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (now > _lastUsed)
            {
                _lastUsed = now;
            }
        }
    }

    /// <summary>
    /// Whether the bucket can be forgotten: no request holds it, it isn't waiting for a reset, and it was last used at
    /// least <paramref name="idleFor"/> ago. A forgotten bucket is learned again from the next response's headers.
    /// </summary>
    public bool IsIdle(DateTimeOffset now, TimeSpan idleFor)
    {
        lock (_lock)
        {
            return Gate.CurrentCount == 1 && now >= _resetAt && now - _lastUsed >= idleFor;
        }
    }

    /// <summary>How long to wait before the next request may go out.</summary>
    public TimeSpan DelayAt(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (now >= _resetAt)
            {
                return TimeSpan.Zero;
            }

            return _remaining is 0 ? _resetAt - now : TimeSpan.Zero;
        }
    }

    /// <summary>Records a request as sent, so the local count stays right between responses.</summary>
    public void OnSending()
    {
        lock (_lock)
        {
            if (_remaining is > 0)
            {
                _remaining--;
            }
        }
    }

    public void Update(RateLimitHeaders headers, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (headers.Limit is { } limit)
            {
                Limit = limit;
            }

            if (headers.Remaining is { } remaining)
            {
                _remaining = remaining;
            }

            if (headers.ResetAfterSeconds is { } resetAfter)
            {
                _resetAt = now + TimeSpan.FromSeconds(resetAfter);
            }
            else if (now >= _resetAt)
            {
                _remaining = null;
            }
        }
    }

    /// <summary>After a 429 for this bucket: nothing goes out until <paramref name="until"/>.</summary>
    public void BlockUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            _remaining = 0;
            if (until > _resetAt)
            {
                _resetAt = until;
            }
        }
    }
}
