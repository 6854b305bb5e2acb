using System.Globalization;

namespace HistoryBot.Core.Retrieval;

/// <summary>
/// How common a (stemmed) word is in general history prose, from a table shipped with the library (paragraph
/// frequencies in four public-domain history books). It tells content words ("pizza", "Lenin", "router") from
/// generic ones ("year", "people", "happen"), whatever the size of the user's corpus.
/// </summary>
internal sealed class BackgroundFrequencies
{
    private const string ResourceName = "HistoryBot.Core.background-df.tsv";
    private static readonly Lazy<BackgroundFrequencies> Shared = new(Load);

    private readonly Dictionary<string, int> _frequencies;
    private readonly int _paragraphs;

    private BackgroundFrequencies(Dictionary<string, int> frequencies, int paragraphs)
    {
        _frequencies = frequencies;
        _paragraphs = Math.Max(1, paragraphs);
    }

    public static BackgroundFrequencies Instance => Shared.Value;

    /// <summary>Paragraph frequency from which a background word counts as common (about one paragraph in 60).</summary>
    private const int CommonFrequency = 100;

    /// <summary>
    /// Whether a stem looks like a misspelling of a common word ("yeer", "wich", "wat"): the background prose never has it,
    /// and one letter inserted, deleted, replaced or two swapped turn it into a word it has in many paragraphs. A word the
    /// corpus lacks for that reason says nothing about the question being off the corpus's topic.
    /// </summary>
    public bool LooksMisspelt(string stem)
    {
        if (stem.Length < 3 || _frequencies.ContainsKey(stem))
        {
            return false;
        }

        foreach (var (word, frequency) in _frequencies)
        {
            if (frequency >= CommonFrequency && Math.Abs(word.Length - stem.Length) <= 1 && WithinOneEdit(word, stem))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Damerau-Levenshtein distance at most 1 (one insertion, deletion, substitution or adjacent swap).</summary>
    internal static bool WithinOneEdit(string a, string b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        var i = 0;
        while (i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            return i >= a.Length - 1
                || a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                || (a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
        }

        return a.Length == b.Length + 1 && a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i));
    }

    /// <summary>Whether general prose has the stem in many paragraphs ("howev", "mani"): a common word, not a name.</summary>
    public bool IsCommon(string stem) => _frequencies.TryGetValue(stem, out var frequency) && frequency >= CommonFrequency;

    /// <summary>BM25-style IDF of a stem in the background prose; an unlisted word counts as seen once.</summary>
    public double Idf(string stem)
    {
        var df = _frequencies.TryGetValue(stem, out var known) ? known : 1;
        return Math.Log(1 + ((_paragraphs - df + 0.5) / (df + 0.5)));
    }

    private static BackgroundFrequencies Load()
    {
        using var stream = typeof(BackgroundFrequencies).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var paragraphs = 0;
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                continue;
            }

            var count = int.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture);
            if (line.StartsWith("#paragraphs", StringComparison.Ordinal))
            {
                paragraphs = count;
            }
            else if (!line.StartsWith('#'))
            {
                frequencies[line[..tab]] = count;
            }
        }

        return new BackgroundFrequencies(frequencies, paragraphs);
    }
}
