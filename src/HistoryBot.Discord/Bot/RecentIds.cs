namespace HistoryBot.Discord.Bot;

/// <summary>The last N message or interaction ids seen, so a replayed or duplicated event is answered only once.</summary>
internal sealed class RecentIds(int capacity)
{
    private readonly HashSet<ulong> _set = [];
    private readonly Queue<ulong> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True the first time <paramref name="id"/> is seen.</summary>
    public bool TryAdd(ulong id)
    {
        lock (_lock)
        {
            if (!_set.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _set.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
