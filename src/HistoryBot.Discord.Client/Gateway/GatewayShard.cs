using System.Net.WebSockets;
using System.Text.Json;
using HistoryBot.Discord.Client.Api;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Client.Gateway;

/// <summary>
/// One gateway shard: connects, heartbeats, IDENTIFYs or RESUMEs, hands dispatches to the handler and reconnects
/// until stopped (close 1000) or a fatal close code (<see cref="GatewayFatalException"/>).
/// </summary>
public sealed partial class GatewayShard(
    GatewayShardOptions options,
    WebSocketClientFactory sockets,
    IdentifyGate identifyGate,
    IGatewayDispatchHandler handler,
    GatewayTimings timings,
    TimeProvider time,
    ILogger<GatewayShard> logger)
{
    private string? _sessionId;
    private string? _resumeUrl;
    private long? _lastSequence;

    public int ShardId => options.ShardId;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (then closes with 1000).</summary>
    /// <exception cref="GatewayFatalException">Discord closed with a code that retrying cannot fix.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var delay = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var (end, closeCode, established) = await RunConnectionAsync(cancellationToken).ConfigureAwait(false);
            failures = established ? 1 : failures + 1;
            delay = timings.ReconnectDelay(failures);
            switch (end)
            {
                case ConnectionEnd.Stopped:
                    return;
                case ConnectionEnd.Fatal:
                    throw new GatewayFatalException(closeCode ?? 0);
                case ConnectionEnd.Reidentify:
                    ForgetSession();
                    break;
                case ConnectionEnd.InvalidSession:
                    ForgetSession();
                    delay = timings.InvalidSessionDelay();
                    break;
                case ConnectionEnd.Resume:
                    break;
            }

            LogReconnecting(options.ShardId, _sessionId is null ? "identify" : "resume", delay.TotalMilliseconds);
        }
    }

    private void ForgetSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        _lastSequence = null;
    }

    private async Task<(ConnectionEnd End, int? CloseCode, bool Established)> RunConnectionAsync(CancellationToken stopping)
    {
        var resuming = _sessionId is not null;
        var url = GatewayUrl.Build(resuming && _resumeUrl is not null ? _resumeUrl : options.GatewayUrl);
        using var connection = new GatewayConnection(sockets(), timings, time);
        try
        {
            await connection.Socket.ConnectAsync(url, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return (ConnectionEnd.Stopped, null, false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or HttpRequestException or InvalidOperationException)
        {
            LogConnectFailed(options.ShardId, ex.Message);
            return (ConnectionEnd.Resume, null, false);
        }

        LogSocketOpen(options.ShardId, resuming ? "resume" : "identify");
        using var stopRegistration = stopping.Register(() => _ = connection.RequestCloseAsync(GatewayCloseCodes.Normal, ConnectionEnd.Stopped));
        var background = new List<Task>();
        try
        {
            while (true)
            {
                WebSocketMessage message;
                try
                {
                    message = await connection.Socket.ReceiveAsync(connection.Aborted).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
                {
                    if (connection.RequestedEnd is { } requested)
                    {
                        return (requested, null, connection.Established);
                    }

                    LogDropped(options.ShardId, ex.Message);
                    return (ConnectionEnd.Resume, null, connection.Established);
                }

                if (message.IsClose)
                {
                    return await OnClosedAsync(connection, message).ConfigureAwait(false);
                }

                GatewayFrame frame;
                try
                {
                    frame = GatewayFrame.Parse(message.Text ?? "");
                }
                catch (JsonException ex)
                {
                    LogBadFrame(options.ShardId, ex.Message);
                    continue;
                }

                await HandleFrameAsync(connection, frame, resuming, background).ConfigureAwait(false);
            }
        }
        finally
        {
            connection.Abort();
            await Task.WhenAll(background.Select(t => t.ContinueWith(static _ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }
    }

    private async Task<(ConnectionEnd End, int? CloseCode, bool Established)> OnClosedAsync(GatewayConnection connection, WebSocketMessage message)
    {
        if (connection.RequestedEnd is { } requested)
        {
            return (requested, message.CloseStatus, connection.Established);
        }

        // Answer the peer's close frame so the handshake completes; the session stays resumable unless the code says otherwise.
        await connection.RequestCloseAsync(message.CloseStatus ?? GatewayCloseCodes.UnknownError, ConnectionEnd.Resume).ConfigureAwait(false);
        var action = GatewayCloseCodes.Classify(message.CloseStatus);
        LogClosedByServer(options.ShardId, message.CloseStatus, message.CloseDescription ?? "", action);
        return action switch
        {
            GatewayCloseAction.Fatal => (ConnectionEnd.Fatal, message.CloseStatus, connection.Established),
            GatewayCloseAction.Reidentify => (ConnectionEnd.Reidentify, message.CloseStatus, connection.Established),
            _ => (ConnectionEnd.Resume, message.CloseStatus, connection.Established),
        };
    }

    private async Task HandleFrameAsync(GatewayConnection connection, GatewayFrame frame, bool resuming, List<Task> background)
    {
        switch (frame.Op)
        {
            case GatewayOpCode.Hello:
                var hello = DiscordJson.Deserialize<HelloData>(frame.Data);
                var interval = TimeSpan.FromMilliseconds(Math.Max(1, hello?.HeartbeatInterval ?? 41250));
                background.Add(HeartbeatLoopAsync(connection, interval));
                background.Add(resuming ? SendResumeAsync(connection) : SendIdentifyAsync(connection));
                break;
            case GatewayOpCode.HeartbeatAck:
                connection.Acked = true;
                break;
            case GatewayOpCode.Heartbeat:
                await SendHeartbeatAsync(connection).ConfigureAwait(false);
                break;
            case GatewayOpCode.Reconnect:
                LogReconnectRequested(options.ShardId);
                await connection.RequestCloseAsync(GatewayCloseCodes.UnknownError, ConnectionEnd.Resume).ConfigureAwait(false);
                break;
            case GatewayOpCode.InvalidSession:
                var resumable = frame.Data.ValueKind == JsonValueKind.True;
                LogInvalidSession(options.ShardId, resumable);
                await connection.RequestCloseAsync(
                    GatewayCloseCodes.UnknownError,
                    resumable && _sessionId is not null ? ConnectionEnd.Resume : ConnectionEnd.InvalidSession).ConfigureAwait(false);
                break;
            case GatewayOpCode.Dispatch:
                OnDispatch(connection, frame);
                break;
            default:
                break;
        }
    }

    private void OnDispatch(GatewayConnection connection, GatewayFrame frame)
    {
        if (frame.Sequence is { } sequence)
        {
            _lastSequence = sequence;
        }

        if (frame.Type == "READY")
        {
            var ready = DiscordJson.Deserialize<ReadyData>(frame.Data);
            _sessionId = ready?.SessionId;
            _resumeUrl = string.IsNullOrWhiteSpace(ready?.ResumeGatewayUrl) ? null : ready.ResumeGatewayUrl;
            connection.Established = true;
            LogReady(options.ShardId, options.ShardCount, ready?.User.Username ?? "?", ready?.User.Id ?? 0);
        }
        else if (frame.Type == "RESUMED")
        {
            connection.Established = true;
            LogResumed(options.ShardId, _lastSequence);
        }

        if (frame.Type is null)
        {
            return;
        }

        LogDispatch(options.ShardId, frame.Type, frame.Sequence);

        try
        {
            handler.OnDispatch(new GatewayDispatch(options.ShardId, frame.Type, frame.Data, frame.Sequence));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            LogHandlerFailed(ex, options.ShardId, frame.Type);
        }
    }

    private async Task HeartbeatLoopAsync(GatewayConnection connection, TimeSpan interval)
    {
        var token = connection.Aborted;
        try
        {
            await Task.Delay(interval * timings.Jitter(), time, token).ConfigureAwait(false);
            connection.Acked = true;
            while (!token.IsCancellationRequested)
            {
                if (!connection.Acked)
                {
                    LogZombie(options.ShardId, interval.TotalMilliseconds);
                    await connection.RequestCloseAsync(GatewayCloseCodes.UnknownError, ConnectionEnd.Resume).ConfigureAwait(false);
                    return;
                }

                connection.Acked = false;
                await SendHeartbeatAsync(connection).ConfigureAwait(false);
                await Task.Delay(interval, time, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    private Task SendHeartbeatAsync(GatewayConnection connection) =>
        TrySendAsync(connection, DiscordJson.SerializeToUtf8(new OutgoingFrame<long?>(GatewayOpCode.Heartbeat, _lastSequence)));

    private async Task SendIdentifyAsync(GatewayConnection connection)
    {
        try
        {
            await identifyGate.WaitAsync(options.ShardId, connection.Aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _lastSequence = null;
        var identify = new IdentifyData(
            options.Token,
            (int)options.Intents,
            new IdentifyProperties(Environment.OSVersion.Platform.ToString().ToLowerInvariant(), "historybot", "historybot"),
            Shard: [options.ShardId, options.ShardCount]);
        LogIdentifying(options.ShardId, options.ShardCount, (int)options.Intents);
        await TrySendAsync(connection, DiscordJson.SerializeToUtf8(new OutgoingFrame<IdentifyData>(GatewayOpCode.Identify, identify)))
            .ConfigureAwait(false);
    }

    private Task SendResumeAsync(GatewayConnection connection)
    {
        LogResuming(options.ShardId, _lastSequence);
        var resume = new ResumeData(options.Token, _sessionId!, _lastSequence);
        return TrySendAsync(connection, DiscordJson.SerializeToUtf8(new OutgoingFrame<ResumeData>(GatewayOpCode.Resume, resume)));
    }

    private async Task TrySendAsync(GatewayConnection connection, byte[] payload)
    {
        try
        {
            await connection.SendAsync(payload, connection.Aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The receive loop sees the broken socket and reconnects.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shard {ShardId}: {EventType} #{Sequence}")]
    private partial void LogDispatch(int shardId, string eventType, long? sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shard {ShardId}: socket open, will {Mode}")]
    private partial void LogSocketOpen(int shardId, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}/{ShardCount}: connected to Discord as {UserName} ({UserId})")]
    private partial void LogReady(int shardId, int shardCount, string userName, ulong userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: session resumed at sequence {Sequence}")]
    private partial void LogResumed(int shardId, long? sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}/{ShardCount}: identifying with intents {Intents}")]
    private partial void LogIdentifying(int shardId, int shardCount, int intents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: resuming the session from sequence {Sequence}")]
    private partial void LogResuming(int shardId, long? sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: could not connect to the gateway: {Reason}")]
    private partial void LogConnectFailed(int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: connection dropped: {Reason}")]
    private partial void LogDropped(int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: gateway closed with {CloseCode} {Description}: {Action}")]
    private partial void LogClosedByServer(int shardId, int? closeCode, string description, GatewayCloseAction action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: Discord asked to reconnect (op 7)")]
    private partial void LogReconnectRequested(int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: invalid session (op 9), resumable: {Resumable}")]
    private partial void LogInvalidSession(int shardId, bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: no heartbeat ACK within {IntervalMs} ms; reconnecting")]
    private partial void LogZombie(int shardId, double intervalMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: reconnecting to {Mode} in {DelayMs:0} ms")]
    private partial void LogReconnecting(int shardId, string mode, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: ignored a malformed gateway frame: {Reason}")]
    private partial void LogBadFrame(int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {ShardId}: handling {EventType} failed")]
    private partial void LogHandlerFailed(Exception exception, int shardId, string eventType);
}
