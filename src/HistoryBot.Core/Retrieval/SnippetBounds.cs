using HistoryBot.Core.Text;

namespace HistoryBot.Core.Retrieval;

/// <summary>
/// Puts a search snippet on the word and sentence boundaries of its passage. Lucene's fragmenter cuts by token count,
/// so a fragment could start with ". Lenin" or in the middle of a word and stop mid-phrase; here it starts at a word,
/// ends after one, and carries "…" at either end where it does not start or end a sentence.
/// </summary>
internal static class SnippetBounds
{
    public const string Ellipsis = "…";

    public static HighlightedText Tidy(string passage, HighlightedText fragment)
    {
        var text = fragment.Text;
        var at = passage.IndexOf(text, StringComparison.Ordinal);
        var start = 0;
        var end = text.Length;
        if (at >= 0)
        {
            // Cut a partial word at either end back to the whole words inside.
            if (at > 0 && IsWordChar(passage[at - 1]) && end > 0 && IsWordChar(text[0]))
            {
                start = NextWordStart(text, 0);
            }

            if (at + end < passage.Length && IsWordChar(passage[at + end]) && end > start && IsWordChar(text[end - 1]))
            {
                var space = text.LastIndexOf(' ', end - 1);
                end = space > start ? space : end;
            }
        }

        // Leading punctuation left over from the previous sentence (". Lenin" -> "Lenin").
        while (start < end && !StartsWord(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (start >= end)
        {
            return fragment;
        }

        var before = at < 0 ? start == 0 : SentenceEndsBefore(passage, at + start);
        var after = at < 0 ? true : SentenceEndsAt(passage, at + end);
        var prefix = before ? string.Empty : Ellipsis;
        var body = text[start..end];
        var spans = fragment.Highlights
            .Where(s => s.Start >= start && s.End <= end)
            .Select(s => new TextSpan(s.Start - start + prefix.Length, s.Length))
            .ToList();
        return new HighlightedText(prefix + body + (after ? string.Empty : Ellipsis), spans);
    }

    private static bool IsWordChar(char ch) => char.IsLetterOrDigit(ch) || ch is '\'' or '’' or '-';

    private static bool StartsWord(char ch) => char.IsLetterOrDigit(ch) || ch is '"' or '“' or '‘' or '(' or '[' or '\'';

    private static int NextWordStart(string text, int from)
    {
        var space = text.IndexOf(' ', from);
        return space < 0 ? text.Length : space + 1;
    }

    /// <summary>Whether the passage holds only whitespace before <paramref name="index"/>, or a sentence's end.</summary>
    private static bool SentenceEndsBefore(string passage, int index)
    {
        var before = passage.AsSpan(0, index).TrimEnd();
        before = before.TrimEnd("\"”’)]'");
        return before.Length == 0 || before[^1] is '.' or '!' or '?' or ':';
    }

    /// <summary>Whether the text up to <paramref name="index"/> ends a sentence, or only whitespace follows it.</summary>
    private static bool SentenceEndsAt(string passage, int index)
    {
        if (passage.AsSpan(index).IsWhiteSpace())
        {
            return true;
        }

        var upTo = passage.AsSpan(0, index).TrimEnd().TrimEnd("\"”’)]'");
        return upTo.Length > 0 && upTo[^1] is '.' or '!' or '?';
    }
}
