using System.Globalization;
using System.Text;

namespace HistoryBot.Core.Intent;

/// <summary>
/// Tells a question that is clearly not English ("Qui a succédé à Lénine ?", "Wie ist Trotzki gestorben?", "Кто
/// убил Троцкого?") from an English one, and names its language when it can. Written by hand rather than taken from a
/// package: the one language-detection library NuGet serves here (SearchPioneer.Lingua 2.0.0) restores 143 MB of
/// models for 75 languages, more than the whole published app, to word a single decline. This needs the words of
/// eleven languages and the Unicode scripts. Measured on the English question sets (no English question may be
/// flagged) and on questions written in the ten languages; see the README's "Other languages".
/// </summary>
internal static class LanguageDetector
{
    /// <summary>A language must have at least this many of its own words (a special letter counts half) to be named.</summary>
    private const double MinimumEvidence = 2.0;

    /// <summary>Weight of a word the language shares with English ("die", "was", "in").</summary>
    private const double SharedWordWeight = 0.5;

    /// <summary>Weight of a word that has one of a language's special letters ("succédé" for French).</summary>
    private const double LetterWeight = 0.5;

    /// <summary>Evidence of an inverted question or exclamation mark, which only Spanish writes.</summary>
    private const double InvertedMarkWeight = 2.0;

    /// <summary>Share of the letters in a non-Latin script above which the text is read in that script.</summary>
    private const double ScriptShare = 0.6;

    public static LanguageGuess Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text);
        if (NonLatinScript(text) is { } script)
        {
            // "What does 'смычка' mean?" is English with a Russian word in it: two English words are enough to say so.
            return EnglishEvidence(words, null) >= 2 ? LanguageGuess.English : new LanguageGuess(false, script.Length == 0 ? null : script);
        }

        string? best = null;
        var bestScore = 0.0;
        foreach (var (language, vocabulary) in LanguageProfiles.Words)
        {
            var score = Evidence(language, vocabulary, words, text);

            // Clearly this language: enough of its own words, and well over the English ones ("When did Lénine die?"
            // and "Who founded the Universidad de los Andes?" stay English). Of several, the one with most evidence.
            if (score >= MinimumEvidence && score >= (2 * EnglishEvidence(words, vocabulary)) + 1 && score > bestScore)
            {
                (best, bestScore) = (language, score);
            }
        }

        return best is null ? LanguageGuess.English : new LanguageGuess(false, best);
    }

    /// <summary>How much of the text is in <paramref name="language"/>: its words, and words with its special letters.</summary>
    private static double Evidence(string language, HashSet<string> vocabulary, List<string> words, string text)
    {
        var letters = LanguageProfiles.Letters[language];
        var score = language == "Spanish" && text.AsSpan().IndexOfAny("¿¡") >= 0 ? InvertedMarkWeight : 0.0;
        foreach (var word in words)
        {
            if (vocabulary.Contains(word))
            {
                score += LanguageProfiles.English.Contains(word) ? SharedWordWeight : 1;
            }
            else if (!LanguageProfiles.English.Contains(word) && letters.Length > 0 && word.AsSpan().IndexOfAny(letters) >= 0)
            {
                score += LetterWeight;
            }
        }

        return score;
    }

    /// <summary>
    /// English words of the text that <paramref name="other"/> does not share; a one-letter word ("a", "i") counts half,
    /// being a word of several other languages too.
    /// </summary>
    private static double EnglishEvidence(List<string> words, HashSet<string>? other) =>
        words.Where(w => LanguageProfiles.English.Contains(w) && other?.Contains(w) != true).Sum(w => w.Length == 1 ? 0.5 : 1.0);

    /// <summary>The text's words, lower-cased; apostrophes and hyphens split them ("qu'est-ce" gives "qu", "est", "ce").</summary>
    internal static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetter(text[i]) || char.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark
);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }

    /// <summary>
    /// The language of the non-Latin script most of the text's letters are in ("" when the script names no one
    /// language), or null when the text is mostly in Latin letters.
    /// </summary>
    private static string? NonLatinScript(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var letters = 0;
        var latin = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                continue;
            }

            letters++;
            if (rune.Value < 0x250 || (rune.Value >= 0x1E00 && rune.Value < 0x1F00))
            {
                latin++;
                continue;
            }

            var script = Script(rune.Value);
            counts[script] = counts.GetValueOrDefault(script) + 1;
        }

        if (letters == 0 || latin >= letters * (1 - ScriptShare))
        {
            return null;
        }

        var (top, count) = counts.MaxBy(c => c.Value);
        if (count < letters * ScriptShare && !(top == "Chinese" && counts.ContainsKey("Japanese")))
        {
            return "";
        }

        return top switch
        {
            "Chinese" when counts.ContainsKey("Japanese") => "Japanese",
            "Russian" when text.AsSpan().IndexOfAny("іїєґІЇЄҐ") >= 0 => "Ukrainian",
            "Arabic" when text.AsSpan().IndexOfAny("پچژگ") >= 0 => "Persian",
            _ => top,
        };
    }

    private static string Script(int c) => c switch
    {
        >= 0x370 and < 0x400 => "Greek",
        >= 0x400 and < 0x530 => "Russian",
        >= 0x530 and < 0x590 => "Armenian",
        >= 0x590 and < 0x600 => "Hebrew",
        >= 0x600 and < 0x700 => "Arabic",
        >= 0x900 and < 0x980 => "Hindi",
        >= 0xE00 and < 0xE80 => "Thai",
        >= 0x10A0 and < 0x1100 => "Georgian",
        >= 0x1100 and < 0x1200 => "Korean",
        >= 0x3040 and < 0x3100 => "Japanese",
        >= 0xAC00 and < 0xD7B0 => "Korean",
        >= 0x4E00 and < 0xA000 => "Chinese",
        >= 0x3400 and < 0x4DC0 => "Chinese",
        _ => "",
    };
}
