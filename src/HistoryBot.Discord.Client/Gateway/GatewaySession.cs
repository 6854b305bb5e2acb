namespace HistoryBot.Discord.Client.Gateway;

/// <summary>
/// What a shard needs to RESUME: the session id, the resume URL and the last dispatch sequence. The read loop writes
/// the sequence while the heartbeat and identify/resume tasks read it, so every field is read and written atomically
/// (<see cref="Interlocked"/> for the 64-bit sequence, one immutable reference for the id and URL).
/// </summary>
internal sealed class GatewaySession
{
    private const long NoSequence = -1;

    private long _sequence = NoSequence;
    private volatile Identity? _identity;

    /// <summary>The last sequence number received, or null before the first dispatch of a session.</summary>
    public long? Sequence => Interlocked.Read(ref _sequence) is var sequence and >= 0 ? sequence : null;

    /// <summary>Null until READY; then the id RESUME sends.</summary>
    public string? SessionId => _identity?.SessionId;

    /// <summary>The URL READY named for resuming, when it named one.</summary>
    public string? ResumeUrl => _identity?.ResumeUrl;

    public bool CanResume => _identity is not null;

    /// <summary>Records the sequence of a dispatch; sequences below zero are not valid and are ignored.</summary>
    public void RecordSequence(long sequence)
    {
        if (sequence >= 0)
        {
            Interlocked.Exchange(ref _sequence, sequence);
        }
    }

    /// <summary>A new IDENTIFY starts a new sequence.</summary>
    public void ResetSequence() => Interlocked.Exchange(ref _sequence, NoSequence);

    public void Start(string? sessionId, string? resumeUrl) =>
        _identity = sessionId is null ? null : new Identity(sessionId, string.IsNullOrWhiteSpace(resumeUrl) ? null : resumeUrl);

    /// <summary>The session can't be resumed: the next connection IDENTIFYs afresh.</summary>
    public void Forget()
    {
        _identity = null;
        ResetSequence();
    }

    private sealed record Identity(string SessionId, string? ResumeUrl);
}
