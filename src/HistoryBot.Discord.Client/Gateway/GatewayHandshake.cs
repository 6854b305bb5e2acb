using System.Net.WebSockets;
using HistoryBot.Discord.Client.Api;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Client.Gateway;

/// <summary>Opens a session after HELLO: IDENTIFY (through the <see cref="IdentifyGate"/>) or RESUME.</summary>
internal sealed class GatewayHandshake(GatewayShardOptions options, GatewaySession session, IdentifyGate identifyGate, ILogger logger)
{
    public async Task SendIdentifyAsync(GatewayConnection connection)
    {
        try
        {
            await identifyGate.WaitAsync(options.ShardId, connection.Aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        session.ResetSequence();
        var identify = new IdentifyData(
            options.Token,
            (int)options.Intents,
            new IdentifyProperties(Environment.OSVersion.Platform.ToString().ToLowerInvariant(), options.ClientName, options.ClientName),
            Shard: [options.ShardId, options.ShardCount]);
        GatewayLog.Identifying(logger, options.ShardId, options.ShardCount, (int)options.Intents);
        await TrySendAsync(connection, DiscordJson.SerializeToUtf8(new OutgoingFrame<IdentifyData>(GatewayOpCode.Identify, identify)))
            .ConfigureAwait(false);
    }

    public Task SendResumeAsync(GatewayConnection connection)
    {
        var sequence = session.Sequence;
        GatewayLog.Resuming(logger, options.ShardId, sequence);
        var resume = new ResumeData(options.Token, session.SessionId!, sequence);
        return TrySendAsync(connection, DiscordJson.SerializeToUtf8(new OutgoingFrame<ResumeData>(GatewayOpCode.Resume, resume)));
    }

    /// <summary>Sends, ignoring a broken socket: the receive loop sees it and reconnects.</summary>
    public static async Task TrySendAsync(GatewayConnection connection, byte[] payload)
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
}
