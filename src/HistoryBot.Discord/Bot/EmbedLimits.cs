using HistoryBot.Discord.Client.Api;

namespace HistoryBot.Discord.Bot;

/// <summary>Discord's message and embed limits, in characters, and the last-resort fitting of an embed to them.</summary>
internal static class EmbedLimits
{
    public const int Content = 2000;
    public const int Title = 256;
    public const int Description = 4096;
    public const int Fields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int FooterText = 2048;
    public const int Total = 6000;

    public static int TotalLength(Embed embed) =>
        (embed.Title?.Length ?? 0)
        + (embed.Description?.Length ?? 0)
        + (embed.Footer?.Text.Length ?? 0)
        + (embed.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);

    /// <summary>Whether every per-part limit and the 6000 total hold.</summary>
    public static bool Fits(Embed embed) =>
        (embed.Title?.Length ?? 0) <= Title
        && (embed.Description?.Length ?? 0) <= Description
        && (embed.Footer?.Text.Length ?? 0) <= FooterText
        && (embed.Fields?.Count ?? 0) <= Fields
        && (embed.Fields?.All(f => f.Name.Length is > 0 and <= FieldName && f.Value.Length is > 0 and <= FieldValue) ?? true)
        && TotalLength(embed) <= Total;

    /// <summary>Drops fields from the end, then shortens the description, until the embed's total fits.</summary>
    public static Embed FitTotal(Embed embed)
    {
        var fields = embed.Fields?.Take(Fields).ToList() ?? [];
        while (fields.Count > 0 && TotalLength(embed with { Fields = fields }) > Total)
        {
            fields.RemoveAt(fields.Count - 1);
        }

        embed = embed with { Fields = fields.Count > 0 ? fields : null };
        var excess = TotalLength(embed) - Total;
        if (excess > 0 && embed.Description is { } description)
        {
            embed = embed with { Description = DiscordText.Truncate(description, Math.Max(0, description.Length - excess)) };
        }

        return embed;
    }
}
