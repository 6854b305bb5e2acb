using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Answering;

/// <summary>
/// Chooses the sentence (or two) of the retrieved passages that answers a question, scores how well it covers
/// the question, and quotes it verbatim; declines when the best evidence is weak.
/// </summary>
public sealed class AnswerComposer(RetrievalOptions options)
{
    private const int MaxPassagesInAnswer = 5;

    /// <summary>How many of the best lexical passages have their sentences scored.</summary>
    public const int PassagesScored = 10;
    private readonly HistoryBotAnalyzer _analyzer = HistoryBotAnalyzer.ForIndexing();

    /// <summary>A scored sentence candidate.</summary>
    internal sealed record Candidate(RetrievedPassage Passage, int SentenceIndex, double Score, double Coverage, double Context, double Confidence);

    /// <summary>Chooses the quote among the sentences of <paramref name="retrieved"/> (all of them are scored).</summary>
    /// <param name="similarity">Embedding similarity of the question to a sentence (passage id, sentence index), in hybrid mode.</param>
    public Answer Compose(
        QuestionAnalysis question,
        IReadOnlyList<RetrievedPassage> retrieved,
        TimeSpan elapsed,
        Func<string, int, float?>? similarity = null)
    {
        if (retrieved.Count == 0 || question.Terms.Count == 0 || question.TotalWeight <= 0)
        {
            return Decline(question, retrieved, [], elapsed);
        }

        var maxScore = retrieved.Max(r => r.Score);
        var questionWords = WordsOf(question.Question);
        var candidates = new List<Candidate>();
        var passageScores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var passage in retrieved)
        {
            var sentenceTerms = passage.Passage.Sentences.Select(s => TermSet(s.Text)).ToList();
            var headingTerms = TermSet($"{passage.Passage.Section} {passage.Passage.Title}");
            var passageTerms = sentenceTerms.SelectMany(t => t).ToHashSet(StringComparer.Ordinal);
            var passageNorm = maxScore > 0 ? passage.Score / maxScore : 0;
            var best = 0.0;
            for (var i = 0; i < sentenceTerms.Count; i++)
            {
                var coverage = Coverage(question, sentenceTerms[i]);
                var context = InContext(question, t => t.Idf, sentenceTerms, i, headingTerms, passageTerms);
                var cue = AnswerCues.Carries(question.Kind, passage.Passage.Sentences[i].Text, questionWords) ? 1.0 : 0.0;
                var salient = InContext(question, t => t.Salience, sentenceTerms, i, headingTerms, passageTerms);
                var score = coverage + (0.5 * context) + (0.5 * salient) + (options.PassageWeight * passageNorm) + (0.25 * cue);
                var confidence = salient;
                if (similarity?.Invoke(passage.Passage.Id, i) is { } cosine)
                {
                    var semantic = Math.Clamp((cosine - options.SemanticFloor) / (options.SemanticCeiling - options.SemanticFloor), 0, 1);
                    score += options.SemanticWeight * semantic;
                    confidence = ((1 - options.SemanticConfidenceShare) * salient) + (options.SemanticConfidenceShare * semantic);
                }

                candidates.Add(new Candidate(passage, i, score, coverage, context, confidence));
                best = Math.Max(best, score);
            }

            passageScores[passage.Passage.Id] = best;
        }

        var top = candidates.OrderByDescending(c => c.Score).First();
        var topConfidence = Math.Clamp(top.Confidence, 0, 1) * AbsentWordFactor(question) * NameFactor(question, top);
        var ranked = RankPassages(retrieved, passageScores, top.Passage.Passage.Id);
        if (topConfidence < options.MinimumConfidence)
        {
            return Decline(question, retrieved, ranked, elapsed);
        }

        var quote = BuildQuote(question, top, questionWords, topConfidence);
        return new Answer(question.Question, true, quote, ranked, [], elapsed);
    }

    /// <summary>
    /// Each content word of the question that the corpus has nowhere (no spelling, variant or synonym either) and that is
    /// rare in general prose ("born", "pizza", "router") makes an answer less likely: the question asks about something
    /// the corpus does not mention.
    /// </summary>
    private double AbsentWordFactor(QuestionAnalysis question)
    {
        var factor = 1.0;
        foreach (var term in question.Terms)
        {
            if (!term.InCorpus && BackgroundFrequencies.Instance.Idf(term.Stem) >= options.AbsentWordMinimumRarity)
            {
                factor *= 1 - options.AbsentWordPenalty;
            }
        }

        return factor;
    }

    /// <summary>
    /// Names in a question say what it is about. A name the corpus has but that is nowhere near the best sentence means the
    /// sentence is about someone else ("When did Stalin die?" against "after Lenin's death in 1924"); a sentence near which
    /// only the names match says nothing about what is asked of them ("Where was Trotsky born?").
    /// </summary>
    private double NameFactor(QuestionAnalysis question, Candidate top)
    {
        var names = NameStems(question.Question);
        if (names.Count == 0)
        {
            return 1;
        }

        var passage = top.Passage.Passage;
        var near = new HashSet<string>(StringComparer.Ordinal);
        for (var i = Math.Max(0, top.SentenceIndex - 1); i <= Math.Min(passage.Sentences.Count - 1, top.SentenceIndex + 1); i++)
        {
            near.UnionWith(TermSet(passage.Sentences[i].Text));
        }

        var title = TermSet(passage.Title);
        var factor = 1.0;
        var otherWords = 0;
        var otherWordsNear = 0;
        foreach (var term in question.Terms)
        {
            if (!names.Contains(term.Stem))
            {
                otherWords++;
                otherWordsNear += Match(term, near) > 0 ? 1 : 0;
            }
            else if (term.InCorpus && Match(term, near) <= 0 && Match(term, title) <= 0)
            {
                factor *= 1 - options.MissingNamePenalty;
            }
        }

        if (otherWords > 0 && otherWordsNear == 0)
        {
            factor *= 1 - options.OnlyNamesMatchPenalty;
        }

        return factor;
    }

    /// <summary>The stems of the question's capitalised words, leaving out its first word (capitalised as a sentence start).</summary>
    private HashSet<string> NameStems(string question)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var words = question.Split([' ', '\t', '\n', '?', ',', '.', '!', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < words.Length; i++)
        {
            if (char.IsUpper(words[i][0]))
            {
                stems.UnionWith(_analyzer.Terms(words[i]));
            }
        }

        return stems;
    }

    private static IReadOnlyList<RankedPassage> RankPassages(
        IReadOnlyList<RetrievedPassage> retrieved, Dictionary<string, double> sentenceScores, string quotedId)
    {
        // The quoted passage first, then by best sentence score, then by retrieval order.
        return retrieved
            .Select((r, i) => (r, i, s: sentenceScores.TryGetValue(r.Passage.Id, out var s) ? s : 0))
            .OrderByDescending(x => x.r.Passage.Id == quotedId)
            .ThenByDescending(x => x.s)
            .ThenBy(x => x.i)
            .Take(MaxPassagesInAnswer)
            .Select(x => new RankedPassage(x.r.Passage, Math.Round(x.s / 2.0, 4)))
            .ToList();
    }

    private Answer Decline(QuestionAnalysis question, IReadOnlyList<RetrievedPassage> retrieved, IReadOnlyList<RankedPassage> ranked, TimeSpan elapsed)
    {
        var suggestions = new List<string>();
        foreach (var passage in retrieved.Take(5))
        {
            var label = passage.Passage.Section is null
                ? passage.Passage.Title
                : $"{passage.Passage.Section} ({passage.Passage.Title})";
            if (!suggestions.Contains(label))
            {
                suggestions.Add(label);
            }

            if (suggestions.Count == 3)
            {
                break;
            }
        }

        return new Answer(question.Question, false, null, ranked, suggestions, elapsed);
    }

    private Quote BuildQuote(QuestionAnalysis question, Candidate top, IReadOnlySet<string> questionWords, double confidence)
    {
        var passage = top.Passage.Passage;
        var sentences = passage.Sentences;
        var first = top.SentenceIndex;
        var last = top.SentenceIndex;
        var max = options.MaxQuoteChars;

        bool Fits(int a, int b) => sentences[b].Start + sentences[b].Length - sentences[a].Start <= max;

        var carries = AnswerCues.Carries(question.Kind, sentences[first].Text, questionWords);
        if (question.Kind != QuestionKind.Other && !carries)
        {
            // The best match restates the question; the neighbour often holds the date, name or number.
            if (first + 1 < sentences.Count && AnswerCues.Carries(question.Kind, sentences[first + 1].Text, questionWords))
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
            else if (first > 0 && AnswerCues.Carries(question.Kind, sentences[first - 1].Text, questionWords) && Fits(first - 1, first))
            {
                first--;
            }
        }
        else if (first > 0 && StartsWithReference(sentences[first].Text) && Fits(first - 1, first))
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

        return new Quote(Emphasise(question, text), passage.DocumentId, passage.Title, passage.Section, passage.Id, start, Math.Round(confidence, 4), passage.Page);
    }

    /// <summary>Words that, opening a sentence, refer back to the one before it.</summary>
    private static readonly string[] ReferenceWords = ["he", "she", "it", "they", "this", "these", "that", "those", "his", "her", "its", "their", "such", "there"];

    private static bool StartsWithReference(string sentence)
    {
        var end = 0;
        while (end < sentence.Length && char.IsLetter(sentence[end]))
        {
            end++;
        }

        return end > 0 && ReferenceWords.Contains(sentence[..end].ToLowerInvariant());
    }

    /// <summary>The stretch of at most <paramref name="max"/> characters, cut at word boundaries, that covers the most question weight.</summary>
    private (int Start, string Text) Window(QuestionAnalysis question, string text, int start, int max)
    {
        var weights = Weights(question);
        var tokens = _analyzer.Tokens(text);
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
            if (from > 0 && text.Length - from < max / 2)
            {
                break;
            }

            var weight = tokens.Where(t => t.Start >= from && t.End <= from + max)
                .Select(t => t.Term).Distinct().Sum(t => weights.TryGetValue(t, out var w) ? w : 0);
            if (weight > bestWeight + 1e-9)
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

    private HighlightedText Emphasise(QuestionAnalysis question, string text)
    {
        var weights = Weights(question);
        var spans = _analyzer.Tokens(text)
            .Where(t => weights.ContainsKey(t.Term))
            .Select(t => new TextSpan(t.Start, t.End - t.Start))
            .ToList();
        return new HighlightedText(text, spans);
    }

    private static Dictionary<string, double> Weights(QuestionAnalysis question)
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

    private HashSet<string> TermSet(string text) => _analyzer.Terms(text).ToHashSet(StringComparer.Ordinal);

    private static double Match(QuestionTerm term, HashSet<string> terms)
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

    /// <summary>Share of the question's weight that the sentence itself covers.</summary>
    private static double Coverage(QuestionAnalysis question, HashSet<string> sentence) =>
        question.Terms.Sum(t => t.Idf * Match(t, sentence)) / question.TotalWeight;

    /// <summary>
    /// Share of the question's weight covered by the sentence in its context: fully by the sentence itself, partly by
    /// its neighbours, the section heading or title, and the rest of the passage.
    /// </summary>
    private static double InContext(
        QuestionAnalysis question,
        Func<QuestionTerm, double> weight,
        List<HashSet<string>> sentences,
        int index,
        HashSet<string> heading,
        HashSet<string> passage)
    {
        var total = 0.0;
        var all = 0.0;
        foreach (var term in question.Terms)
        {
            var here = Match(term, sentences[index]);
            var near = Math.Max(
                index > 0 ? Match(term, sentences[index - 1]) : 0,
                index + 1 < sentences.Count ? Match(term, sentences[index + 1]) : 0);
            var m = Math.Max(here, Math.Max(0.8 * near, Math.Max(0.8 * Match(term, heading), 0.6 * Match(term, passage))));
            total += weight(term) * m;
            all += weight(term);
        }

        return all <= 0 ? 0 : total / all;
    }

    private static HashSet<string> WordsOf(string question) =>
        question.Split([' ', '\t', '\n', '?', ',', '.', '!', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
}
