using HistoryBot.Discord.Client.Api;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Client.Gateway;

/// <summary>
/// The heartbeat of one connection: the first beat after a jittered interval, then one per interval; a beat that was
/// not ACKed by the next one means a zombie connection, which is closed so the shard resumes.
/// </summary>
internal sealed class GatewayHeartbeat(int shardId, GatewaySession session, GatewayTimings timings, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(GatewayConnection connection, TimeSpan interval)
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
                    GatewayLog.Zombie(logger, shardId, interval.TotalMilliseconds);
                    await connection.RequestCloseAsync(GatewayCloseCodes.UnknownError, ConnectionEnd.Resume).ConfigureAwait(false);
                    return;
                }

                connection.Acked = false;
                await SendAsync(connection).ConfigureAwait(false);
                await Task.Delay(interval, time, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    /// <summary>Sends op 1 with the last sequence (null before the first dispatch).</summary>
    public Task SendAsync(GatewayConnection connection) =>
        GatewayHandshake.TrySendAsync(connection, DiscordJson.SerializeToUtf8(new OutgoingFrame<long?>(GatewayOpCode.Heartbeat, session.Sequence)));
}
