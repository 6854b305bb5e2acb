using System.Collections.Concurrent;
using HistoryBot.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HistoryBot.Core.Conversation;

/// <summary>
/// Which words the corpus writes as names: a word typed in lower case ("trotsky") is a name when, in the passages that
/// have it, it is written capitalised (not counting sentence starts) nearly every time. Read on demand from a sample of
/// passages, so it costs nothing at start-up however large the corpus; the answers are cached. Thread-safe.
/// </summary>
internal sealed class CorpusNames(PassageIndex index)
{
    /// <summary>Passages read to see how a word is written: enough to tell "Trotsky" from "unions".</summary>
    private const int SamplePassages = 20;

    /// <summary>Share of the capitalised uses (outside sentence starts) from which a word is a name.</summary>
    private const double NameShare = 0.8;

    /// <summary>The cache is emptied when it holds this many words (a long-running bot sees many).</summary>
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, bool> _cache = new(StringComparer.Ordinal);
    private readonly HistoryBotAnalyzer _analyzer = HistoryBotAnalyzer.ForIndexing();

    public bool IsName(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var lower = WithoutPossessive(word).ToLowerInvariant();
        if (lower.Length < 2 || !lower.All(char.IsLetter))
        {
            return false;
        }

        if (_cache.TryGetValue(lower, out var known))
        {
            return known;
        }

        var isName = Read(lower);
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[lower] = isName;
        return isName;
    }

    private bool Read(string lower)
    {
        var stems = _analyzer.Terms(lower);
        if (stems.Count != 1)
        {
            return false;
        }

        var capitalised = 0;
        var total = 0;
        foreach (var hit in index.TopPassages(new TermQuery(new Term(IndexFields.Text, stems[0])), SamplePassages))
        {
            var text = hit.Text;
            for (var at = text.IndexOf(lower, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = text.IndexOf(lower, at + lower.Length, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + lower.Length;
                var whole = (at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || !char.IsLetter(text[end]));
                if (!whole || StartsSentence(text, at))
                {
                    continue;
                }

                total++;
                capitalised += char.IsUpper(text[at]) ? 1 : 0;
            }
        }

        return total > 0 && capitalised >= total * NameShare;
    }

    /// <summary>Whether the word at <paramref name="at"/> opens a sentence (or the text), where anything is capitalised.</summary>
    private static bool StartsSentence(string text, int at)
    {
        var i = at - 1;
        while (i >= 0 && (char.IsWhiteSpace(text[i]) || text[i] is '"' or '“' or '‘' or '\'' or '(' or '-' or '—'))
        {
            i--;
        }

        return i < 0 || text[i] is '.' or '!' or '?' or ':' or ';';
    }

    private static string WithoutPossessive(string word) =>
        word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || word.EndsWith("’s", StringComparison.OrdinalIgnoreCase) ? word[..^2] : word;
}
