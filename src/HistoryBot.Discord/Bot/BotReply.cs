using HistoryBot.Discord.Client.Api;

namespace HistoryBot.Discord.Bot;

/// <summary>What the bot sends back: an embed, and for answers the feedback buttons.</summary>
internal sealed record BotReply(Embed Embed, IReadOnlyList<MessageComponent>? Components = null)
{
    public static implicit operator BotReply(Embed embed) => new(embed);
}

/// <summary>Where a question came from, recorded with its answer.</summary>
internal readonly record struct AskOrigin(ulong? GuildId, ulong? ChannelId, ulong? UserId);
