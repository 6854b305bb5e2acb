using System.Text.Json;
using HistoryBot.Discord.Client.Api;

namespace HistoryBot.Discord.Bot;

/// <summary>The bot's slash commands (<c>/ask</c>, <c>/search</c>, <c>/about</c>) and how their options are read.</summary>
internal static class SlashCommands
{
    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        new("ask", "Ask a history question; the answer quotes the corpus.",
            Options: [new(ApplicationCommandOptionType.String, "question", "Your question, e.g. who succeeded Lenin?", Required: true, MaxLength: 500)]),
        new("search", "List the passages that match keywords.",
            Options: [new(ApplicationCommandOptionType.String, "query", "Keywords; quotes for phrases, AND/OR/NOT.", Required: true, MaxLength: 500)]),
        new("about", "What the corpus holds and how to ask."),
    ];

    /// <summary>The named string option, else the first option with a value; trimmed, "" when there is none.</summary>
    public static string StringOption(InteractionData data, string name)
    {
        var options = data.Options ?? [];
        var option = options.FirstOrDefault(o => o.Name == name) ?? options.FirstOrDefault(o => o.Value is not null);
        return option?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString()?.Trim() ?? "" : option?.Value?.ToString() ?? "";
    }
}
