using HistoryBot.Core.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HistoryBot.Core.Retrieval;

/// <summary>Corrects a question word the corpus lacks to the closest indexed spelling (fuzzy terms of the passage text).</summary>
/// <param name="twoEditMinimumLength">From this length on, a word may be two edits away (<see cref="QuestionOptions.TwoEditMinimumLength"/>).</param>
internal sealed class SpellingCorrector(IndexReader reader, TermLookup lookup, int twoEditMinimumLength)
{
    /// <summary>
    /// The closest indexed spelling of a word the corpus does not have (names are often misspelt). A name ("Lois") is
    /// corrected from three letters on, other words from four; two edits are allowed from
    /// <see cref="QuestionOptions.TwoEditMinimumLength"/> letters ("asasin" for "assassin"), the closest spelling first.
    /// </summary>
    public string? Correct(string stem, bool isName)
    {
        if (stem.Length < (isName ? 3 : 4) || stem.Any(char.IsDigit))
        {
            return null;
        }

        // One edit first; two only in a long word and with its first two letters right ("asasin" for "assassin", not
        // "router" for "porter" or "outer").
        var rewritten = Rewrite(stem, 1, 1);
        if (rewritten is null && SameButDoubledLetters(stem) is { } undoubled)
        {
            return undoubled;
        }

        if (rewritten is null && stem.Length >= twoEditMinimumLength)
        {
            rewritten = Rewrite(stem, 2, 2);
        }

        if (rewritten is null)
        {
            return null;
        }

        string? best = null;
        var bestBoost = 0f;
        var bestDf = 0;
        foreach (var clause in rewritten.Clauses)
        {
            if (clause.Query is not TermQuery tq)
            {
                continue;
            }

            var df = lookup.DocFreq(tq.Term.Field, tq.Term.Text);
            if (tq.Boost > bestBoost || (Math.Abs(tq.Boost - bestBoost) < 1e-6 && df > bestDf))
            {
                best = tq.Term.Text;
                bestBoost = tq.Boost;
                bestDf = df;
            }
        }

        return best;
    }

    /// <summary>
    /// The most frequent indexed word two edits away that differs only in doubled letters ("asasin" for "assassin",
    /// "comitee" for "committee"): the commonest misspelling, and one that hardly ever turns one real word into another.
    /// </summary>
    private string? SameButDoubledLetters(string stem)
    {
        var skeleton = Undoubled(stem);
        string? best = null;
        var bestDf = 0;
        foreach (var clause in Rewrite(stem, 2, 1)?.Clauses ?? [])
        {
            if (clause.Query is TermQuery tq && Undoubled(tq.Term.Text) == skeleton && lookup.DocFreq(tq.Term.Field, tq.Term.Text) is var df && df > bestDf)
            {
                best = tq.Term.Text;
                bestDf = df;
            }
        }

        return best;
    }

    private static string Undoubled(string word)
    {
        var builder = new System.Text.StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (builder.Length == 0 || builder[^1] != c)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private BooleanQuery? Rewrite(string stem, int maxEdits, int prefixLength)
    {
        var fuzzy = new FuzzyQuery(new Term(IndexFields.Text, stem), maxEdits, prefixLength, maxExpansions: 16, transpositions: true);
        return fuzzy.Rewrite(reader) is BooleanQuery { Clauses.Count: > 0 } rewritten ? rewritten : null;
    }
}
