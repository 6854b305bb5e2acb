using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot.Uploads;

internal static partial class UploadLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "/corpus refused to user {UserId} in guild {GuildId}: no Manage Server permission")]
    public static partial void Refused(ILogger logger, ulong userId, ulong guildId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload refused in guild {GuildId}: {Reason}")]
    public static partial void Rejected(ILogger logger, ulong guildId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload stored as {Document} ({Bytes} bytes)")]
    public static partial void Stored(ILogger logger, string document, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {Document} removed")]
    public static partial void Removed(ILogger logger, string document);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The uploads folder of guild {GuildId} could not be changed")]
    public static partial void StorageFailed(ILogger logger, Exception exception, ulong guildId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upload log could not be read or written; uploads go on without it")]
    public static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {Document} not indexed within {Seconds} s; it is left to the living corpus")]
    public static partial void StillIndexing(ILogger logger, string document, double seconds);
}
