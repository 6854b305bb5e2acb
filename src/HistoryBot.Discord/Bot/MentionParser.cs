using System.Globalization;
using System.Text.RegularExpressions;
using HistoryBot.Discord.Client.Api;

namespace HistoryBot.Discord.Bot;

/// <summary>Whether a message mentions the bot, and the question once the bot's own mentions are removed.</summary>
internal static partial class MentionParser
{
    public static bool MentionsUser(DiscordMessage message, ulong userId)
    {
        if (message.Mentions?.Any(m => m.Id == userId) == true)
        {
            return true;
        }

        var id = userId.ToString(CultureInfo.InvariantCulture);
        return message.Content is { } content
            && (content.Contains($"<@{id}>", StringComparison.Ordinal) || content.Contains($"<@!{id}>", StringComparison.Ordinal));
    }

    /// <summary>Removes <c>&lt;@id&gt;</c> and <c>&lt;@!id&gt;</c> for <paramref name="userId"/> and collapses the whitespace left behind.</summary>
    public static string StripMention(string content, ulong userId)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        var stripped = content.Replace($"<@!{id}>", " ", StringComparison.Ordinal).Replace($"<@{id}>", " ", StringComparison.Ordinal);
        return Whitespace().Replace(stripped, " ").Trim().TrimStart(',', ':').Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
