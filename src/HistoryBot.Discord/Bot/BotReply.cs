using HistoryBot.Core;
using HistoryBot.Discord.Client.Api;

namespace HistoryBot.Discord.Bot;

/// <summary>What the bot sends back: an embed, and for answers the feedback buttons.</summary>
internal sealed record BotReply(Embed Embed, IReadOnlyList<MessageComponent>? Components = null)
{
    public static implicit operator BotReply(Embed embed) => new(embed);
}

/// <summary>Where a question came from, recorded with its answer.</summary>
internal readonly record struct AskOrigin(ulong? GuildId, ulong? ChannelId, ulong? UserId)
{
    /// <summary>What it may be answered from: the shared corpus plus the server's own uploads; in a DM, no uploads.</summary>
    public AnswerScope Scope => Scopes.For(GuildId);
}

/// <summary>Discord's side of <see cref="AnswerScope"/>: a server's uploads are the scope named by its id.</summary>
internal static class Scopes
{
    public static AnswerScope For(ulong? guildId) =>
        guildId is { } guild ? AnswerScope.Of(guild.ToString(System.Globalization.CultureInfo.InvariantCulture)) : AnswerScope.SharedOnly;
}
