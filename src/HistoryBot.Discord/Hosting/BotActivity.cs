namespace HistoryBot.Discord.Hosting;

/// <summary>
/// What the bot has done so far: the sequence of the last dispatch it handled and how many replies are still being
/// worked on. Lets an observer (the end-to-end tests) wait until the bot has finished with everything it was sent,
/// instead of waiting a fixed time and hoping nothing more happens after.
/// </summary>
internal sealed class BotActivity
{
    private long _lastSequence;
    private int _inFlight;

    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>True once the dispatch numbered <paramref name="sequence"/> was handled and every reply it started was sent (or failed).</summary>
    public bool IsIdleAfter(long sequence) => LastSequence >= sequence && InFlight == 0;

    /// <summary>Called after a dispatch was handled: the replies it started were already <see cref="Track"/>ed.</summary>
    public void Handled(long? sequence)
    {
        if (sequence is { } value)
        {
            Interlocked.Exchange(ref _lastSequence, value);
        }
    }

    public void Track(Task reply)
    {
        Interlocked.Increment(ref _inFlight);
        _ = reply.ContinueWith(_ => Interlocked.Decrement(ref _inFlight), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
