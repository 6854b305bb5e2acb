using System.Globalization;
using System.Text;

namespace HistoryBot.Cli.Output;

/// <summary>
/// Makes text from the corpus or the user safe to print on a terminal: control characters (escape sequences, bells,
/// carriage returns) and bidirectional overrides never reach it as such.
/// </summary>
public static class TerminalText
{
    /// <summary>For names and single-line values (file names, sections, paths): each unsafe character becomes a visible
    /// escape such as <c>\x1B</c>, so the name can still be recognised.</summary>
    public static string Escape(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            if (!IsUnsafe(ch))
            {
                builder.Append(ch);
            }
            else if (ch <= '\u00ff')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)ch:X2}");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
            }
        }

        return builder.ToString();
    }

    /// <summary>For prose (quotes, passages, questions): unsafe characters become spaces; line breaks and tabs stay.</summary>
    public static string Sanitise(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            builder.Append(IsUnsafe(ch) && ch is not '\n' and not '\t' ? ' ' : ch);
        }

        return builder.ToString();
    }

    private static bool IsUnsafe(char ch) =>
        char.IsControl(ch) || ch is '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
