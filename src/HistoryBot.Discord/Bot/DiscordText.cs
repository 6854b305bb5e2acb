using System.Text;
using HistoryBot.Core.Text;

namespace HistoryBot.Discord.Bot;

/// <summary>Discord markdown escaping and limit-safe truncation (at a sentence or word boundary, never mid-codepoint).</summary>
internal static class DiscordText
{
    public const char Ellipsis = '…';

    private const string AlwaysEscaped = "\\*_~`|[]<";
    private const string LineStartEscaped = "#->+";

    /// <summary>Escapes what Discord would read as markdown, mentions, links or spoilers, so corpus text shows as written.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (lineStart && (LineStartEscaped.Contains(c) || (char.IsAsciiDigit(c) && StartsNumberedItem(text, i))))
            {
                builder.Append('\\');
            }
            else if (AlwaysEscaped.Contains(c))
            {
                builder.Append('\\');
            }

            builder.Append(c);
            lineStart = c == '\n' || (lineStart && c is ' ' or '\t');
        }

        return builder.ToString();
    }

    /// <summary>Trims <paramref name="text"/> and cuts it to at most <paramref name="max"/> UTF-16 units, ending with an ellipsis.</summary>
    public static string Truncate(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= 2)
        {
            return max <= 0 ? "" : Ellipsis.ToString();
        }

        var keep = SafeLength(text, max - 2);
        var head = text[..keep];
        var floor = keep / 2;
        var sentenceEnd = LastSentenceEnd(head);
        if (sentenceEnd >= floor)
        {
            return head[..sentenceEnd].TrimEnd() + " " + Ellipsis;
        }

        var space = head.LastIndexOfAny([' ', '\n', '\t']);
        if (space >= floor)
        {
            return head[..space].TrimEnd() + Ellipsis;
        }

        return head.TrimEnd() + Ellipsis;
    }

    /// <summary>Escapes and truncates so the escaped result fits: cuts the raw text, so no escape is split.</summary>
    public static string EscapeWithin(string text, int max) => Fit(text, max, static (raw, limit) => Escape(Truncate(raw, limit)));

    /// <summary>Renders highlighted corpus text with matched words in bold, escaped, within <paramref name="max"/> characters.</summary>
    public static string RenderWithin(HighlightedText text, int max) => Fit(text.Text, max, (raw, limit) =>
    {
        var cut = Truncate(raw, limit);
        if (cut == raw)
        {
            return text.Render("**", "**", Escape);
        }

        // Keep the highlights that lie wholly inside the kept prefix (the cut text may start with trimmed whitespace).
        var offset = raw.Length - raw.TrimStart().Length;
        var kept = cut.TrimEnd(Ellipsis).TrimEnd().Length;
        var spans = text.Highlights
            .Where(h => h.Start >= offset && h.End <= offset + kept)
            .Select(h => new TextSpan(h.Start - offset, h.Length))
            .ToList();
        return new HighlightedText(cut, spans).Render("**", "**", Escape);
    });

    private static string Fit(string raw, int max, Func<string, int, string> render)
    {
        var limit = Math.Max(max, 0);
        while (true)
        {
            var rendered = render(raw, limit);
            if (rendered.Length <= max || limit <= 0)
            {
                return rendered.Length <= max ? rendered : "";
            }

            limit -= Math.Max(1, rendered.Length - max);
        }
    }

    private static bool StartsNumberedItem(string text, int i)
    {
        var j = i;
        while (j < text.Length && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        return j < text.Length && text[j] is '.' or ')';
    }

    /// <summary>The largest length ≤ <paramref name="length"/> that does not split a surrogate pair.</summary>
    private static int SafeLength(string text, int length) =>
        length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;

    private static int LastSentenceEnd(string head)
    {
        for (var i = head.Length - 2; i >= 0; i--)
        {
            if (head[i] is '.' or '!' or '?' && char.IsWhiteSpace(head[i + 1]))
            {
                return i + 1;
            }
        }

        return -1;
    }
}
