using System.Collections.Concurrent;

namespace HistoryBot.Discord.Bot;

/// <summary>The replies still being worked on, so shutdown can give them a moment to be sent.</summary>
internal sealed class InFlightReplies(TimeProvider time)
{
    private readonly ConcurrentDictionary<Task, byte> _tasks = new();

    public int Count => _tasks.Count;

    public void Track(Task task)
    {
        _tasks[task] = 0;
        _ = task.ContinueWith(t => _tasks.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) for the replies still being sent.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var pending = _tasks.Keys.ToArray();
        if (pending.Length > 0)
        {
            await Task.WhenAny(Task.WhenAll(pending), Task.Delay(timeout, time)).ConfigureAwait(false);
        }
    }
}
