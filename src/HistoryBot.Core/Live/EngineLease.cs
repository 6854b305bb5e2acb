namespace HistoryBot.Core.Live;

/// <summary>
/// An engine with a count of the questions using it. Once retired (a newer engine took its place) it is disposed when
/// its last question ends, so a question in flight always finishes on the engine it started with.
/// </summary>
internal sealed class EngineLease(HistoryBotEngine engine)
{
    private int _users;
    private int _retired;
    private int _disposed;

    public HistoryBotEngine Engine { get; } = engine;

    /// <summary>True once the engine has been disposed (for tests).</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    public void AddUser() => Interlocked.Increment(ref _users);

    public void Release()
    {
        if (Interlocked.Decrement(ref _users) == 0 && Volatile.Read(ref _retired) == 1)
        {
            DisposeOnce();
        }
    }

    /// <summary>No new question will start on this engine: dispose it now, or when the last one in flight ends.</summary>
    public void Retire()
    {
        Interlocked.Exchange(ref _retired, 1);
        if (Volatile.Read(ref _users) == 0)
        {
            DisposeOnce();
        }
    }

    private void DisposeOnce()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Engine.Dispose();
        }
    }
}
