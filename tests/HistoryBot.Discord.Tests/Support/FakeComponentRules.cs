using System.Text.Json.Nodes;

namespace HistoryBot.Discord.Tests.Support;

/// <summary>
/// The message-component rules the fake Discord enforces, as the real one does with a 400 "Invalid Form Body": at most
/// five action rows, each holding one to five buttons; a button has a style in 1..5, a custom_id of 1 to 100
/// characters (unless it is a link button), and a label or an emoji.
/// </summary>
internal static class FakeComponentRules
{
    /// <summary>Null when the body's components (top level or under <c>data</c>) are valid, else what is wrong.</summary>
    public static string? Check(JsonNode? body)
    {
        if (body is not JsonObject message)
        {
            return null;
        }

        var components = message["components"] ?? (message["data"] as JsonObject)?["components"];
        if (components is null)
        {
            return null;
        }

        if (components is not JsonArray rows || rows.Count > 5)
        {
            return "components must be an array of at most 5 action rows";
        }

        foreach (var row in rows)
        {
            if ((int?)row?["type"] != 1 || row["components"] is not JsonArray buttons || buttons.Count is < 1 or > 5)
            {
                return "each action row (type 1) holds 1 to 5 components";
            }

            foreach (var button in buttons)
            {
                if (CheckButton(button) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string? CheckButton(JsonNode? button)
    {
        if ((int?)button?["type"] != 2)
        {
            return "only buttons (type 2) are expected";
        }

        var style = (int?)button["style"];
        if (style is not (>= 1 and <= 5))
        {
            return "button style must be 1..5";
        }

        var customId = (string?)button["custom_id"];
        if (style != 5 && customId is not { Length: >= 1 and <= 100 })
        {
            return "custom_id must have 1 to 100 characters";
        }

        return button["label"] is null && button["emoji"]?["name"] is null ? "a button needs a label or an emoji" : null;
    }
}
