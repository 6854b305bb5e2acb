namespace HistoryBot.Discord.Bot;

/// <summary>Whether a question may be answered now; when not, whether this is the one notice the user gets.</summary>
internal readonly record struct CooldownDecision(bool Allowed, bool Notify, TimeSpan RetryAfter)
{
    public static CooldownDecision Allow { get; } = new(true, false, TimeSpan.Zero);
}

/// <summary>
/// A per-user cooldown between questions and a per-channel cap per window. A limited user is told once, then
/// ignored until the wait is over, so a flood gets neither silence nor spam. Bounded: a user whose wait is over and a
/// channel without an answer in the window are forgotten (swept at most once per cooldown/window), and when a flood
/// still tracks more than <c>maxEntries</c> users or channels, the ones whose limit ends first are forgotten first.
/// </summary>
internal sealed class CooldownTracker(TimeSpan userCooldown, int channelLimit, TimeSpan channelWindow, TimeProvider time, int maxEntries = 100_000)
{
    private readonly Dictionary<ulong, UserState> _users = [];
    private readonly Dictionary<ulong, Queue<DateTimeOffset>> _channels = [];
    private readonly TimeSpan _sweepInterval = Max(Max(userCooldown, channelWindow), TimeSpan.FromSeconds(1));
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Users currently remembered (for tests and diagnostics).</summary>
    public int TrackedUsers
    {
        get
        {
            lock (_lock)
            {
                return _users.Count;
            }
        }
    }

    /// <summary>Channels currently remembered (for tests and diagnostics).</summary>
    public int TrackedChannels
    {
        get
        {
            lock (_lock)
            {
                return _channels.Count;
            }
        }
    }

    public CooldownDecision Check(ulong userId, ulong channelId)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Sweep(now);
            if (_users.TryGetValue(userId, out var user) && user.NextAllowed > now)
            {
                return Limit(userId, user, user.NextAllowed, now);
            }

            if (channelLimit > 0)
            {
                var recent = _channels.TryGetValue(channelId, out var queue) ? queue : _channels[channelId] = new Queue<DateTimeOffset>();
                while (recent.Count > 0 && now - recent.Peek() >= channelWindow)
                {
                    recent.Dequeue();
                }

                if (recent.Count >= channelLimit)
                {
                    return Limit(userId, user, recent.Peek() + channelWindow, now);
                }

                recent.Enqueue(now);
            }

            _users[userId] = new UserState(now + userCooldown, Notified: false);
            return CooldownDecision.Allow;
        }
    }

    private CooldownDecision Limit(ulong userId, UserState? user, DateTimeOffset until, DateTimeOffset now)
    {
        var notify = user is not { Notified: true } || user.NextAllowed <= now;
        var next = user is { } u && u.NextAllowed > until ? u.NextAllowed : until;
        _users[userId] = new UserState(next, Notified: true);
        return new CooldownDecision(false, notify, next - now);
    }

    private void Sweep(DateTimeOffset now)
    {
        var overCap = _users.Count >= maxEntries || _channels.Count >= maxEntries;
        if (now < _nextSweep && !overCap)
        {
            return;
        }

        _nextSweep = now + _sweepInterval;
        foreach (var stale in _users.Where(u => u.Value.NextAllowed <= now).Select(u => u.Key).ToList())
        {
            _users.Remove(stale);
        }

        foreach (var idle in _channels.Where(c => c.Value.Count == 0 || now - c.Value.Last() >= channelWindow).Select(c => c.Key).ToList())
        {
            _channels.Remove(idle);
        }

        // A flood of distinct ids within one window: keep room for the newcomer by forgetting those that free up first.
        var room = Math.Max(0, maxEntries - 1);
        foreach (var key in _users.OrderBy(u => u.Value.NextAllowed).Take(_users.Count - room).Select(u => u.Key).ToList())
        {
            _users.Remove(key);
        }

        foreach (var key in _channels.OrderBy(c => c.Value.Last()).Take(_channels.Count - room).Select(c => c.Key).ToList())
        {
            _channels.Remove(key);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record UserState(DateTimeOffset NextAllowed, bool Notified);
}
