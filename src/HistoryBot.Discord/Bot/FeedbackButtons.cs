using System.Text.RegularExpressions;
using HistoryBot.Discord.Client.Api;
using HistoryBot.QuestionLog;

namespace HistoryBot.Discord.Bot;

/// <summary>
/// The 👍/👎 buttons under an answer. Their custom_id carries the vote and the question-log entry id
/// (<c>fb:up:&lt;id&gt;</c>, <c>fb:down:&lt;id&gt;</c>), so a click counts even after the bot restarted.
/// </summary>
internal static partial class FeedbackButtons
{
    public const string Prefix = "fb:";

    public static IReadOnlyList<MessageComponent> For(string entryId) =>
    [
        MessageComponent.ActionRow(
            MessageComponent.Button(ButtonStyle.Secondary, $"{Prefix}up:{entryId}", emoji: "👍"),
            MessageComponent.Button(ButtonStyle.Secondary, $"{Prefix}down:{entryId}", emoji: "👎")),
    ];

    /// <summary>Reads a button's custom_id; false for anything that is not one of these buttons.</summary>
    public static bool TryParse(string? customId, out string entryId, out Feedback vote)
    {
        var match = customId is null ? null : CustomId().Match(customId);
        entryId = match is { Success: true } ? match.Groups["id"].Value : "";
        vote = match is { Success: true } && match.Groups["vote"].Value == "down" ? Feedback.Down : Feedback.Up;
        return match is { Success: true };
    }

    // Entry ids are 32 hex characters (the IQuestionLog contract).
    [GeneratedRegex("^fb:(?<vote>up|down):(?<id>[0-9a-fA-F]{32})$", RegexOptions.CultureInvariant)]
    private static partial Regex CustomId();
}
