namespace HistoryBot.Discord.Client.Gateway;

/// <summary>How one connection ended, and so what the shard does next.</summary>
internal enum ConnectionEnd
{
    Stopped,
    Resume,
    Reidentify,
    InvalidSession,
    Fatal,
}

/// <summary>
/// One open socket: serialised sends within Discord's 120-per-minute budget, the heartbeat ACK flag, and the
/// close-then-abort path used by shutdown, op 7, op 9 and zombie detection.
/// </summary>
internal sealed class GatewayConnection(IWebSocketClient socket, GatewayTimings timings, TimeProvider time) : IDisposable
{
    private const int SendBudget = 115;
    private static readonly TimeSpan SendWindow = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _abort = new();
    private readonly Queue<DateTimeOffset> _recentSends = new();
    private int _requestedEnd = -1;
    private volatile bool _acked = true;

    public IWebSocketClient Socket => socket;

    /// <summary>Cancelled when the socket is dropped: stops the heartbeat and the pending receive.</summary>
    public CancellationToken Aborted => _abort.Token;

    public ConnectionEnd? RequestedEnd => Volatile.Read(ref _requestedEnd) is var end and >= 0 ? (ConnectionEnd)end : null;

    public bool Established { get; set; }

    public bool Acked
    {
        get => _acked;
        set => _acked = value;
    }

    public async Task SendAsync(byte[] utf8, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WaitForSendBudgetAsync(cancellationToken).ConfigureAwait(false);
            await socket.SendTextAsync(utf8, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a close frame with <paramref name="closeCode"/> and drops the socket if the peer has not answered in time.</summary>
    public async Task RequestCloseAsync(int closeCode, ConnectionEnd end)
    {
        if (Interlocked.CompareExchange(ref _requestedEnd, (int)end, -1) != -1)
        {
            return;
        }

        try
        {
            _abort.CancelAfter(timings.CloseTimeout);
            using var timeout = new CancellationTokenSource(timings.CloseTimeout);
            await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                await socket.CloseOutputAsync(closeCode, closeCode == GatewayCloseCodes.Normal ? "shutting down" : "reconnecting", timeout.Token)
                    .ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or System.Net.WebSockets.WebSocketException or IOException)
        {
            Abort();
        }
    }

    public void Abort()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down.
        }
    }

    public void Dispose()
    {
        Abort();
        socket.Dispose();
        _abort.Dispose();
        _sendLock.Dispose();
    }

    private async Task WaitForSendBudgetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            while (_recentSends.Count > 0 && now - _recentSends.Peek() >= SendWindow)
            {
                _recentSends.Dequeue();
            }

            if (_recentSends.Count < SendBudget)
            {
                _recentSends.Enqueue(now);
                return;
            }

            await Task.Delay(SendWindow - (now - _recentSends.Peek()), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
