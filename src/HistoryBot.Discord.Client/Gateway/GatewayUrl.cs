namespace HistoryBot.Discord.Client.Gateway;

/// <summary>Builds the connect URL: the given URL with <c>v=10&amp;encoding=json</c> set, whatever path or query it already has.</summary>
internal static class GatewayUrl
{
    public static Uri Build(string url)
    {
        var builder = new UriBuilder(url.Trim());
        var kept = builder.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsParameter(p, "v") && !IsParameter(p, "encoding") && !IsParameter(p, "compress"));
        builder.Query = string.Join('&', kept.Append("v=10").Append("encoding=json"));
        return builder.Uri;
    }

    private static bool IsParameter(string pair, string name) =>
        pair.Equals(name, StringComparison.OrdinalIgnoreCase) || pair.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase);
}
