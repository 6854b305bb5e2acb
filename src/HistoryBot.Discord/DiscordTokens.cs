namespace HistoryBot.Discord;

/// <summary>What a bot token can look like: printable ASCII without spaces (it goes into an HTTP header and IDENTIFY).</summary>
internal static class DiscordTokens
{
    public static bool IsPlausible(string token) => token.Length > 0 && token.All(c => c is > ' ' and < (char)0x7F);
}
