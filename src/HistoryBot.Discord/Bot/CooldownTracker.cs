namespace HistoryBot.Discord.Bot;

/// <summary>Whether a question may be answered now; when not, whether this is the one notice the user gets.</summary>
internal readonly record struct CooldownDecision(bool Allowed, bool Notify, TimeSpan RetryAfter)
{
    public static CooldownDecision Allow { get; } = new(true, false, TimeSpan.Zero);
}

/// <summary>
/// A per-user cooldown between questions and a per-channel cap per window. A limited user is told once, then
/// ignored until the wait is over, so a flood gets neither silence nor spam.
/// </summary>
internal sealed class CooldownTracker(TimeSpan userCooldown, int channelLimit, TimeSpan channelWindow, TimeProvider time)
{
    private readonly Dictionary<ulong, UserState> _users = [];
    private readonly Dictionary<ulong, Queue<DateTimeOffset>> _channels = [];
    private readonly Lock _lock = new();

    public CooldownDecision Check(ulong userId, ulong channelId)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Prune(now);
            if (_users.TryGetValue(userId, out var user) && user.NextAllowed > now)
            {
                return Limit(userId, user, user.NextAllowed, now);
            }

            var recent = _channels.TryGetValue(channelId, out var queue) ? queue : _channels[channelId] = new Queue<DateTimeOffset>();
            while (recent.Count > 0 && now - recent.Peek() >= channelWindow)
            {
                recent.Dequeue();
            }

            if (channelLimit > 0 && recent.Count >= channelLimit)
            {
                return Limit(userId, user, recent.Peek() + channelWindow, now);
            }

            recent.Enqueue(now);
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

    private void Prune(DateTimeOffset now)
    {
        if (_users.Count < 10_000)
        {
            return;
        }

        foreach (var stale in _users.Where(u => u.Value.NextAllowed <= now).Select(u => u.Key).ToList())
        {
            _users.Remove(stale);
        }
    }

    private sealed record UserState(DateTimeOffset NextAllowed, bool Notified);
}
