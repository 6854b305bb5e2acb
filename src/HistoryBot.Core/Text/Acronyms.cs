using System.Text.RegularExpressions;
using HistoryBot.Core.Answering;

namespace HistoryBot.Core.Text;

/// <summary>
/// Names written out in one text and abbreviated in the other: "the AAA" and "the American Automobile Association",
/// "the United States" and "a close US ally".
/// </summary>
internal static partial class Acronyms
{
    private static readonly HashSet<string> Connectors = new(["of", "the", "and", "for", "de", "von", "&"], StringComparer.Ordinal);

    /// <summary>
    /// Whether the question's word with index term <paramref name="stem"/> is an acronym that <paramref name="text"/>
    /// spells out, or part of a name that <paramref name="text"/> abbreviates.
    /// </summary>
    public static bool Stands(string question, string stem, string text)
    {
        HashSet<string>? initials = null;
        foreach (var acronym in AcronymsIn(question))
        {
            if (TermMatching.Analyzer.Terms(acronym).Contains(stem) && (initials ??= Initials(text)).Contains(acronym))
            {
                return true;
            }
        }

        HashSet<string>? acronyms = null;
        foreach (var run in CapitalisedRuns(question))
        {
            if (run.Count > 1 && run.Any(word => TermMatching.Analyzer.Terms(word).Contains(stem))
                && (acronyms ??= AcronymsIn(text)).Contains(string.Concat(run.Select(word => char.ToUpperInvariant(word[0])))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The acronyms written in a text ("AAA", "U.S." as "US").</summary>
    internal static HashSet<string> AcronymsIn(string text) =>
        AcronymPattern().Matches(text).Select(m => m.Value.Replace(".", string.Empty, StringComparison.Ordinal)).Where(a => a.Length >= 2)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The initials of every stretch of consecutive capitalised words in a text (connectors such as "of" skipped).</summary>
    internal static HashSet<string> Initials(string text)
    {
        var initials = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in CapitalisedRuns(text))
        {
            for (var from = 0; from < run.Count; from++)
            {
                for (var to = from + 1; to < run.Count; to++)
                {
                    initials.Add(string.Concat(run.Skip(from).Take(to - from + 1).Select(word => char.ToUpperInvariant(word[0]))));
                }
            }
        }

        return initials;
    }

    /// <summary>Runs of capitalised words, each without the connectors inside it.</summary>
    private static IEnumerable<List<string>> CapitalisedRuns(string text)
    {
        var run = new List<string>();
        foreach (Match word in WordPattern().Matches(text))
        {
            if (char.IsUpper(word.Value[0]) && !IsAllCaps(word.Value))
            {
                run.Add(word.Value);
            }
            else if (run.Count > 0 && Connectors.Contains(word.Value))
            {
                continue;
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static bool IsAllCaps(string word) => word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c));

    [GeneratedRegex(@"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,6}\b")]
    private static partial Regex AcronymPattern();

    [GeneratedRegex(@"[\p{L}&][\p{L}'’-]*")]
    private static partial Regex WordPattern();
}
