using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;

namespace HistoryBot.Core.Answering;

/// <summary>How the question's terms are matched against analysed text; shared by the answering stages.</summary>
internal static class TermMatching
{
    /// <summary>The index analysis chain (thread-safe: Lucene analyzers reuse one token stream per thread).</summary>
    public static readonly HistoryBotAnalyzer Analyzer = HistoryBotAnalyzer.ForIndexing();

    /// <summary>The distinct analysed terms of <paramref name="text"/>.</summary>
    public static HashSet<string> TermSet(string text) => Analyzer.Terms(text).ToHashSet(StringComparer.Ordinal);

    /// <summary>How well <paramref name="terms"/> match a question term: the weight of its best alternative found there, or 0.</summary>
    public static double Match(QuestionTerm term, HashSet<string> terms)
    {
        var best = 0.0;
        foreach (var alternative in term.Alternatives)
        {
            if (alternative.Weight > best && terms.Contains(alternative.Term))
            {
                best = alternative.Weight;
            }
        }

        return best;
    }

    /// <summary>How well any of <paramref name="sets"/> matches a question term: as <see cref="Match(QuestionTerm, HashSet{string})"/> on their union.</summary>
    public static double Match(QuestionTerm term, IReadOnlyList<HashSet<string>> sets)
    {
        var best = 0.0;
        foreach (var set in sets)
        {
            best = Math.Max(best, Match(term, set));
        }

        return best;
    }

    /// <summary>Each index term that stands for a question word, with the most question weight (IDF × alternative weight) it carries.</summary>
    public static Dictionary<string, double> Weights(QuestionAnalysis question)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in question.Terms)
        {
            foreach (var alternative in term.Alternatives)
            {
                weights[alternative.Term] = Math.Max(weights.GetValueOrDefault(alternative.Term), term.Idf * alternative.Weight);
            }
        }

        return weights;
    }
}
