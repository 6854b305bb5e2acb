using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Answering;

/// <summary>
/// The quote building stage: the best sentence, with the neighbour that holds the asked-for date or name, says who "he"
/// is, or completes a short sentence; cut to the most question weight when too long; the question's words highlighted.
/// The text is quoted verbatim.
/// </summary>
internal sealed class QuoteBuilder(QuoteOptions options)
{
    /// <summary>A cut quote starts no later than where at least half the allowed length of text is left.</summary>
    private const int MinimumTailDivisor = 2;

    /// <summary>Scores this much apart count as equal when choosing where a cut quote starts (the earliest wins).</summary>
    private const double WeightTolerance = 1e-9;

    /// <summary>Decimals of the confidence reported with a quote.</summary>
    private const int ConfidenceDecimals = 4;

    public Quote Build(QuestionAnalysis question, ScoredSentence top, double confidence)
    {
        var passage = top.Passage.Passage;
        var sentences = passage.Sentences;
        var first = top.SentenceIndex;
        var last = top.SentenceIndex;
        var max = options.MaxQuoteChars;
        var questionWords = question.LowerCaseWords;

        bool Fits(int a, int b) => sentences[b].Start + sentences[b].Length - sentences[a].Start <= max;

        // The best match may restate the question while a neighbour holds the date, name or number asked for.
        var cueWanted = question.Kind != QuestionKind.Other && !AnswerCues.Carries(question.Kind, sentences[first].Text, questionWords);
        var nextCarries = cueWanted && first + 1 < sentences.Count && AnswerCues.Carries(question.Kind, sentences[first + 1].Text, questionWords);
        var previousCarries = cueWanted && first > 0 && AnswerCues.Carries(question.Kind, sentences[first - 1].Text, questionWords) && Fits(first - 1, first);
        if (nextCarries)
        {
            if (Fits(first, first + 1))
            {
                last = first + 1;
            }
            else
            {
                first = last = first + 1;
            }
        }
        else if (previousCarries)
        {
            first--;
        }
        else if (first > 0 && English.StartsWithBackReference(sentences[first].Text) && Fits(first - 1, first))
        {
            // "He had left the school his library": the sentence before says who "he" is.
            first--;
        }
        else if (sentences[first].Length < options.ShortSentenceChars && first + 1 < sentences.Count && Fits(first, first + 1))
        {
            last = first + 1;
        }

        var start = sentences[first].Start;
        var end = sentences[last].Start + sentences[last].Length;
        var text = passage.Text[(start - passage.Start)..(end - passage.Start)];
        if (text.Length > max)
        {
            (start, text) = Window(question, text, start, max);
        }

        return new Quote(
            Emphasise(question, text), passage.DocumentId, passage.Title, passage.Section, passage.Id, start, Math.Round(confidence, ConfidenceDecimals), passage.Page);
    }

    /// <summary>The stretch of at most <paramref name="max"/> characters, cut at word boundaries, that covers the most question weight.</summary>
    private static (int Start, string Text) Window(QuestionAnalysis question, string text, int start, int max)
    {
        var weights = TermMatching.Weights(question);
        var tokens = TermMatching.Analyzer.Tokens(text);
        var bestFrom = 0;
        var bestWeight = -1.0;
        var wordStarts = new List<int> { 0 };
        for (var i = 1; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i - 1]) && !char.IsWhiteSpace(text[i]))
            {
                wordStarts.Add(i);
            }
        }

        foreach (var from in wordStarts)
        {
            if (from > 0 && text.Length - from < max / MinimumTailDivisor)
            {
                break;
            }

            var weight = tokens.Where(t => t.Start >= from && t.End <= from + max)
                .Select(t => t.Term).Distinct().Sum(t => weights.TryGetValue(t, out var w) ? w : 0);
            if (weight > bestWeight + WeightTolerance)
            {
                bestWeight = weight;
                bestFrom = from;
            }
        }

        var to = Math.Min(text.Length, bestFrom + max);
        if (to < text.Length)
        {
            var lastSpace = text.LastIndexOf(' ', to - 1, to - bestFrom);
            if (lastSpace > bestFrom)
            {
                to = lastSpace;
            }
        }

        return (start + bestFrom, text[bestFrom..to].TrimEnd());
    }

    private static HighlightedText Emphasise(QuestionAnalysis question, string text)
    {
        var weights = TermMatching.Weights(question);
        var spans = TermMatching.Analyzer.Tokens(text)
            .Where(t => weights.ContainsKey(t.Term))
            .Select(t => new TextSpan(t.Start, t.End - t.Start))
            .ToList();
        return new HighlightedText(text, spans);
    }
}
