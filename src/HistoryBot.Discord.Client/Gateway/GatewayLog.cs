using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Client.Gateway;

/// <summary>The gateway's log messages, in one place for the shard, its connections and heartbeats.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Shard {ShardId}: {EventType} #{Sequence}")]
    public static partial void Dispatch(ILogger logger, int shardId, string eventType, long? sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shard {ShardId}: socket open, will {Mode}")]
    public static partial void SocketOpen(ILogger logger, int shardId, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}/{ShardCount}: connected to Discord as {UserName} ({UserId})")]
    public static partial void Ready(ILogger logger, int shardId, int shardCount, string userName, ulong userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: session resumed at sequence {Sequence}")]
    public static partial void Resumed(ILogger logger, int shardId, long? sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}/{ShardCount}: identifying with intents {Intents}")]
    public static partial void Identifying(ILogger logger, int shardId, int shardCount, int intents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: resuming the session from sequence {Sequence}")]
    public static partial void Resuming(ILogger logger, int shardId, long? sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: could not connect to the gateway: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: connection dropped: {Reason}")]
    public static partial void Dropped(ILogger logger, Exception exception, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: gateway closed with {CloseCode} {Description}: {Action}")]
    public static partial void ClosedByServer(ILogger logger, int shardId, int? closeCode, string description, GatewayCloseAction action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: Discord asked to reconnect (op 7)")]
    public static partial void ReconnectRequested(ILogger logger, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: invalid session (op 9), resumable: {Resumable}")]
    public static partial void InvalidSession(ILogger logger, int shardId, bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: no heartbeat ACK within {IntervalMs} ms; reconnecting")]
    public static partial void Zombie(ILogger logger, int shardId, double intervalMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: reconnecting to {Mode} in {DelayMs:0} ms")]
    public static partial void Reconnecting(ILogger logger, int shardId, string mode, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: ignored a malformed gateway frame: {Reason}")]
    public static partial void BadFrame(ILogger logger, Exception exception, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {ShardId}: handling {EventType} failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, int shardId, string eventType);
}
