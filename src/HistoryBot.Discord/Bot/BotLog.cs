using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot;

/// <summary>The bot layer's log messages, shared by its responders.</summary>
internal static partial class BotLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Answered a question in channel {ChannelId} in {ElapsedMs:0} ms (answered: {Answered})")]
    public static partial void Answered(ILogger logger, ulong channelId, bool answered, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read a question in channel {ChannelId} as a follow-up of the previous one")]
    public static partial void FollowUp(ILogger logger, ulong channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Searched: {TotalHits} hits in {ElapsedMs:0} ms")]
    public static partial void Searched(ILogger logger, int totalHits, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} in channel {ChannelId} is over the limit (notice sent: {Notified})")]
    public static partial void Cooldown(ILogger logger, ulong userId, ulong channelId, bool notified);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a repeated {Kind} {Id}")]
    public static partial void Duplicate(ILogger logger, string kind, ulong id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {Id} deferred: the answer took over {DeferAfterMs} ms")]
    public static partial void Deferred(ILogger logger, ulong id, int deferAfterMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not reply to {Kind} {Id}")]
    public static partial void ReplyFailed(ILogger logger, Exception exception, string kind, ulong id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} slash commands {Scope}")]
    public static partial void CommandsRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not register the slash commands")]
    public static partial void CommandsFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "READY carried no application id; slash commands not registered")]
    public static partial void NoApplication(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a click on a button I can't read (interaction {Id})")]
    public static partial void UnknownComponent(ILogger logger, ulong id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded feedback {Vote} on answer {EntryId}")]
    public static partial void FeedbackRecorded(ILogger logger, HistoryBot.QuestionLog.Feedback vote, string entryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the feedback on answer {EntryId}")]
    public static partial void FeedbackFailed(ILogger logger, Exception exception, string entryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record an answer in the question log; it is sent without feedback buttons")]
    public static partial void RecordFailed(ILogger logger, Exception exception);
}
