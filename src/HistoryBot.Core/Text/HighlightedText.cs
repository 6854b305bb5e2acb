namespace HistoryBot.Core.Text;

/// <summary>Text with the ranges that matched the question or query, for an adapter to emphasise its own way.</summary>
public sealed record HighlightedText(string Text, IReadOnlyList<TextSpan> Highlights)
{
    public static HighlightedText Plain(string text) => new(text, []);

    /// <summary>Renders the text with each highlight wrapped in <paramref name="open"/> and <paramref name="close"/>.</summary>
    public string Render(string open, string close, Func<string, string>? escape = null)
    {
        escape ??= static s => s;
        var builder = new System.Text.StringBuilder(Text.Length + (Highlights.Count * (open.Length + close.Length)));
        var position = 0;
        foreach (var span in Highlights.OrderBy(h => h.Start))
        {
            if (span.Start < position || span.End > Text.Length)
            {
                continue;
            }

            builder.Append(escape(Text[position..span.Start])).Append(open).Append(escape(span.Slice(Text))).Append(close);
            position = span.End;
        }

        builder.Append(escape(Text[position..]));
        return builder.ToString();
    }
}
