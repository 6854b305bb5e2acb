namespace HistoryBot.Core.Text;

/// <summary>
/// Rule-based English sentence splitter. A boundary is sentence punctuation, optionally followed by closing
/// quotes or brackets, then white space and something that can start a sentence. Abbreviations, initials,
/// dotted acronyms and decimals are not boundaries.
/// </summary>
internal static class SentenceSplitter
{
    // Abbreviations that are (almost) never the end of a sentence. Compared without the final dot, case-insensitively.
    private static readonly HashSet<string> NonTerminalAbbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr", "prof", "gen", "col", "capt", "lt", "sgt", "cpl", "maj",
        "rev", "hon", "gov", "pres", "sen", "rep", "mt", "ft", "no", "nos", "fig", "figs", "vol", "vols", "pp",
        "e.g", "i.e", "cf", "approx", "ca", "c", "viz", "al", "op", "ed", "eds", "trans", "inc", "ltd", "co",
        "corp", "bros", "dept", "univ", "assn", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "a.m", "p.m", "u.s", "u.k", "u.n", "u.s.s.r", "d.c", "b.c", "a.d", "ph.d", "st.",
    };

    // Abbreviations that often end a sentence: a boundary only when a capitalised word follows.
    private static readonly HashSet<string> SometimesTerminal = new(StringComparer.OrdinalIgnoreCase)
    {
        "etc", "bc", "ad",
    };

    private const string ClosingMarks = "\"'”’)]»";
    private const string OpeningMarks = "\"'“‘([«";

    /// <summary>Splits <paramref name="text"/>[start, start+length) into trimmed sentence spans (offsets into text).</summary>
    public static IReadOnlyList<TextSpan> Split(string text, int start = 0, int length = -1)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (length < 0)
        {
            length = text.Length - start;
        }

        var end = start + length;
        var result = new List<TextSpan>();
        var sentenceStart = start;
        var i = start;
        while (i < end)
        {
            var ch = text[i];
            if (ch is '.' or '!' or '?' or '…')
            {
                var punctEnd = i + 1;
                while (punctEnd < end && text[punctEnd] is '.' or '!' or '?' or '…')
                {
                    punctEnd++;
                }

                var closeEnd = punctEnd;
                while (closeEnd < end && ClosingMarks.Contains(text[closeEnd]))
                {
                    closeEnd++;
                }

                if (IsBoundary(text, sentenceStart, i, punctEnd, closeEnd, end))
                {
                    AddTrimmed(text, sentenceStart, closeEnd, result);
                    sentenceStart = closeEnd;
                }

                i = closeEnd;
                continue;
            }

            if (ch == '\n' && i + 1 < end && IsBlankLineAhead(text, i + 1, end))
            {
                // A blank line always ends a sentence (paragraph break inside a span).
                AddTrimmed(text, sentenceStart, i, result);
                sentenceStart = i + 1;
            }

            i++;
        }

        AddTrimmed(text, sentenceStart, end, result);
        return result;
    }

    /// <summary>Convenience overload returning the sentence strings.</summary>
    public static IReadOnlyList<string> SplitToStrings(string text) =>
        Split(text).Select(s => s.Slice(text)).ToList();

    private static bool IsBlankLineAhead(string text, int from, int end)
    {
        for (var j = from; j < end; j++)
        {
            if (text[j] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[j]))
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsBoundary(string text, int sentenceStart, int punct, int punctEnd, int closeEnd, int end)
    {
        // End of the span is always a boundary.
        if (closeEnd >= end)
        {
            return true;
        }

        // Must be followed by white space ("3.14", "U.S.A", "example.com" are not boundaries).
        if (!char.IsWhiteSpace(text[closeEnd]))
        {
            return false;
        }

        var next = closeEnd;
        while (next < end && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        if (next >= end)
        {
            return true;
        }

        var nextCh = text[next];
        var startsLikeSentence = char.IsUpper(nextCh) || char.IsDigit(nextCh) || OpeningMarks.Contains(nextCh)
            || !char.IsLetter(nextCh) && !char.IsPunctuation(nextCh);
        if (!startsLikeSentence)
        {
            // "?" or "!" inside a quote followed by "he said", or an abbreviation followed by lower case.
            return false;
        }

        if (text[punct] != '.' || punctEnd - punct > 1)
        {
            // "!", "?", "..." followed by a capital: boundary.
            return true;
        }

        var word = WordBefore(text, sentenceStart, punct);
        if (word.Length == 0)
        {
            return true;
        }

        // Initials: "J. R. Tolkien", "Franklin D. Roosevelt".
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false;
        }

        if (NonTerminalAbbreviations.Contains(word))
        {
            return false;
        }

        if (SometimesTerminal.Contains(word))
        {
            return char.IsUpper(nextCh);
        }

        // Dotted acronyms such as "U.S.S.R." or "a.m.": letters separated by dots.
        if (word.Length >= 3 && word.Contains('.') && IsDottedAcronym(word))
        {
            return false;
        }

        return true;
    }

    private static bool IsDottedAcronym(string word)
    {
        var parts = word.Split('.');
        return parts.All(p => p.Length is 1 or 2 && p.All(char.IsLetter));
    }

    /// <summary>The run of letters and inner dots directly before <paramref name="punct"/>.</summary>
    private static string WordBefore(string text, int sentenceStart, int punct)
    {
        var j = punct - 1;
        while (j >= sentenceStart && (char.IsLetter(text[j]) || text[j] == '.'))
        {
            j--;
        }

        return text.Substring(j + 1, punct - j - 1).Trim('.');
    }

    private static void AddTrimmed(string text, int from, int to, List<TextSpan> result)
    {
        while (from < to && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        while (to > from && char.IsWhiteSpace(text[to - 1]))
        {
            to--;
        }

        if (to > from)
        {
            result.Add(new TextSpan(from, to - from));
        }
    }
}
