using System.Net.WebSockets;
using System.Text.Json;
using HistoryBot.Discord.Client.Api;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Client.Gateway;

/// <summary>How one connection ended: what the shard does next, the close code, and whether READY/RESUMED was reached.</summary>
internal readonly record struct ConnectionOutcome(ConnectionEnd End, int? CloseCode, bool Established);

/// <summary>
/// One gateway connection from connect to close: reads frames, answers HELLO with heartbeats and IDENTIFY/RESUME,
/// follows op 7 and op 9, and hands dispatches to the handler in the order they arrive.
/// </summary>
internal sealed class GatewayConnectionLoop(
    GatewayShardOptions options,
    GatewaySession session,
    IdentifyGate identifyGate,
    IGatewayDispatchHandler handler,
    GatewayTimings timings,
    TimeProvider time,
    ILogger logger)
{
    private readonly GatewayHandshake _handshake = new(options, session, identifyGate, logger);
    private readonly GatewayHeartbeat _heartbeat = new(options.ShardId, session, timings, time, logger);

    public async Task<ConnectionOutcome> RunAsync(IWebSocketClient socket, CancellationToken stopping)
    {
        var resuming = session.CanResume;
        var url = GatewayUrl.Build(resuming && session.ResumeUrl is { } resumeUrl ? resumeUrl : options.GatewayUrl);
        using var connection = new GatewayConnection(socket, timings, time);
        try
        {
            await connection.Socket.ConnectAsync(url, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return new(ConnectionEnd.Stopped, null, false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or HttpRequestException or InvalidOperationException)
        {
            GatewayLog.ConnectFailed(logger, ex, options.ShardId, ex.Message);
            return new(ConnectionEnd.Resume, null, false);
        }

        GatewayLog.SocketOpen(logger, options.ShardId, resuming ? "resume" : "identify");
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
                        return new(requested, null, connection.Established);
                    }

                    GatewayLog.Dropped(logger, ex, options.ShardId, ex.Message);
                    return new(ConnectionEnd.Resume, null, connection.Established);
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
                    GatewayLog.BadFrame(logger, ex, options.ShardId, ex.Message);
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

    private async Task<ConnectionOutcome> OnClosedAsync(GatewayConnection connection, WebSocketMessage message)
    {
        if (connection.RequestedEnd is { } requested)
        {
            return new(requested, message.CloseStatus, connection.Established);
        }

        // Answer the peer's close frame so the handshake completes; the session stays resumable unless the code says otherwise.
        await connection.RequestCloseAsync(message.CloseStatus ?? GatewayCloseCodes.UnknownError, ConnectionEnd.Resume).ConfigureAwait(false);
        var action = GatewayCloseCodes.Classify(message.CloseStatus);
        GatewayLog.ClosedByServer(logger, options.ShardId, message.CloseStatus, message.CloseDescription ?? "", action);
        var end = action switch
        {
            GatewayCloseAction.Fatal => ConnectionEnd.Fatal,
            GatewayCloseAction.Reidentify => ConnectionEnd.Reidentify,
            _ => ConnectionEnd.Resume,
        };
        return new(end, message.CloseStatus, connection.Established);
    }

    private async Task HandleFrameAsync(GatewayConnection connection, GatewayFrame frame, bool resuming, List<Task> background)
    {
        switch (frame.Op)
        {
            case GatewayOpCode.Hello:
                var hello = DiscordJson.Deserialize<HelloData>(frame.Data);
                var interval = TimeSpan.FromMilliseconds(Math.Max(1, hello?.HeartbeatInterval ?? 41250));
                background.Add(_heartbeat.RunAsync(connection, interval));
                background.Add(resuming ? _handshake.SendResumeAsync(connection) : _handshake.SendIdentifyAsync(connection));
                break;
            case GatewayOpCode.HeartbeatAck:
                connection.Acked = true;
                break;
            case GatewayOpCode.Heartbeat:
                await _heartbeat.SendAsync(connection).ConfigureAwait(false);
                break;
            case GatewayOpCode.Reconnect:
                GatewayLog.ReconnectRequested(logger, options.ShardId);
                await connection.RequestCloseAsync(GatewayCloseCodes.UnknownError, ConnectionEnd.Resume).ConfigureAwait(false);
                break;
            case GatewayOpCode.InvalidSession:
                var resumable = frame.Data.ValueKind == JsonValueKind.True;
                GatewayLog.InvalidSession(logger, options.ShardId, resumable);
                await connection.RequestCloseAsync(
                    GatewayCloseCodes.UnknownError,
                    resumable && session.CanResume ? ConnectionEnd.Resume : ConnectionEnd.InvalidSession).ConfigureAwait(false);
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
            session.RecordSequence(sequence);
        }

        if (frame.Type == "READY")
        {
            var ready = DiscordJson.Deserialize<ReadyData>(frame.Data);
            session.Start(ready?.SessionId, ready?.ResumeGatewayUrl);
            connection.Established = true;
            GatewayLog.Ready(logger, options.ShardId, options.ShardCount, ready?.User.Username ?? "?", ready?.User.Id ?? 0);
        }
        else if (frame.Type == "RESUMED")
        {
            connection.Established = true;
            GatewayLog.Resumed(logger, options.ShardId, session.Sequence);
        }

        if (frame.Type is null)
        {
            return;
        }

        GatewayLog.Dispatch(logger, options.ShardId, frame.Type, frame.Sequence);

        try
        {
            handler.OnDispatch(new GatewayDispatch(options.ShardId, frame.Type, frame.Data, frame.Sequence));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            GatewayLog.HandlerFailed(logger, ex, options.ShardId, frame.Type);
        }
    }
}
