using System.Text;

namespace HistoryBot.Core.Evaluation;

/// <summary>
/// The answer-quality metrics, exactly as the project defines them: on the primary quote cut to 300 characters,
/// both sides normalised (lower-case, runs of letters and digits joined by single spaces).
/// </summary>
public static class AnswerMetrics
{
    public const int QuoteCreditChars = 300;

    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inRun = false;
        foreach (var ch in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (!inRun && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(ch);
                inRun = true;
            }
            else
            {
                inRun = false;
            }
        }

        return builder.ToString();
    }

    private static string Credited(string quote) => quote.Length <= QuoteCreditChars ? quote : quote[..QuoteCreditChars];

    private static bool ContainsWholeWords(string normalisedHaystack, string normalisedNeedle) =>
        normalisedNeedle.Length > 0 && $" {normalisedHaystack} ".Contains($" {normalisedNeedle} ", StringComparison.Ordinal);

    /// <summary>ansq1: the quote contains one of the gold answers as a whole-word substring.</summary>
    public static bool AnswerInQuote(string quote, IEnumerable<string> answers)
    {
        var q = Normalise(Credited(quote));
        return answers.Any(a => ContainsWholeWords(q, Normalise(a)));
    }

    /// <summary>evid1: the quote contains at least 60% of the tokens of one gold evidence sentence.</summary>
    public static bool EvidenceInQuote(string quote, IEnumerable<string> evidences)
    {
        var quoteTokens = Normalise(Credited(quote)).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var evidence in evidences)
        {
            var tokens = Normalise(evidence).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length > 0 && tokens.Count(quoteTokens.Contains) >= 0.6 * tokens.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>psg3: one of the top three passages contains a whole gold evidence sentence.</summary>
    public static bool EvidenceInPassages(IEnumerable<string> passages, IEnumerable<string> evidences)
    {
        var normalisedEvidence = evidences.Select(Normalise).Where(e => e.Length > 0).ToList();
        return passages.Take(3).Select(Normalise).Any(p => normalisedEvidence.Any(e => ContainsWholeWords(p, e)));
    }
}
