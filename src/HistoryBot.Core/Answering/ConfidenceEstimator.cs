using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Answering;

/// <summary>
/// The confidence and abstention stage: how sure the bot is that the best sentence answers the question, and whether
/// that is enough to quote it.
/// </summary>
/// <param name="documentHas">Whether a document (by id) has an index term anywhere; null when unknown (every name absent
/// from the quote's passage then counts as missing).</param>
/// <param name="passages">The analysed terms of passages, shared with the other stages of the engine; null: its own.</param>
internal sealed class ConfidenceEstimator(
    ConfidenceOptions options, Func<string, string, bool>? documentHas = null, AnalysedPassages? passages = null)
{
    private readonly AnalysedPassages _passages = passages ?? new();

    /// <summary>Confidence in [0, 1] that <paramref name="top"/> answers <paramref name="question"/>.</summary>
    public double Confidence(QuestionAnalysis question, ScoredSentence top)
    {
        var confidence = top.Semantic is { } semantic
            ? ((1 - options.SemanticConfidenceShare) * top.Salience) + (options.SemanticConfidenceShare * semantic)
            : top.Salience;
        var subject = top.AboutSomeoneElse ? 1 - options.OtherSubjectPenalty : 1;
        return Math.Clamp(confidence, 0, 1) * AbsentWordFactor(question, top) * NameFactor(question, top) * subject;
    }

    /// <summary>Whether an answer this confident is given rather than declined by the hand-written path.</summary>
    public bool Answers(double confidence) => Answers(confidence, ConfidenceOptions.RulesMinimumConfidence);

    /// <summary>Whether an answer this confident is given, with <paramref name="pathThreshold"/> when none is configured.</summary>
    public bool Answers(double confidence, double pathThreshold) => confidence >= (options.MinimumConfidence ?? pathThreshold);

    /// <summary>
    /// Each content word of the question that the corpus has nowhere (no spelling, variant or synonym either) and that is
    /// rare in general prose ("born", "pizza", "router") makes an answer less likely: the question asks about something
    /// the corpus does not mention, unless the quote spells out the acronym it is ("the AAA").
    /// </summary>
    private double AbsentWordFactor(QuestionAnalysis question, ScoredSentence top)
    {
        var factor = 1.0;
        foreach (var term in question.Terms)
        {
            if (!term.InCorpus && BackgroundFrequencies.Instance.Idf(term.Stem) >= options.AbsentWordMinimumRarity
                && !Acronyms.Stands(question.Question, term.Stem, NearText(top.Passage.Passage, top.SentenceIndex)))
            {
                factor *= 1 - options.AbsentWordPenalty;
            }
        }

        return factor;
    }

    /// <summary>
    /// Names and numbers in a question say what it is about. One the corpus has but that is nowhere near the best sentence means the
    /// sentence is about someone else ("When did Stalin die?" against "after Lenin's death in 1924"); a sentence near which
    /// only the names match says nothing about what is asked of them ("Where was Trotsky born?").
    /// </summary>
    private double NameFactor(QuestionAnalysis question, ScoredSentence top)
    {
        var names = question.NamesAndNumbers;
        if (names.Count == 0)
        {
            return 1;
        }

        var passage = top.Passage.Passage;
        string? nearText = null;
        var analysed = _passages.Of(passage);

        // The quote's sentence with its neighbours: the union of their sentences' terms is the terms of their joined text
        // (tokens never cross the space that joins them).
        var index = top.SentenceIndex;
        var first = Math.Max(0, index - 1);
        var near = analysed.Sentences.Skip(first).Take(index == 0 ? 2 : 3).ToArray();
        var title = analysed.Title;
        var factor = 1.0;
        var otherWords = 0;
        var otherWordsNear = 0;
        foreach (var term in question.Terms)
        {
            if (!names.Contains(term.Stem))
            {
                otherWords++;
                otherWordsNear += TermMatching.Match(term, near) > 0 ? 1 : 0;
            }
            else if (term.InCorpus && TermMatching.Match(term, near) <= 0 && TermMatching.Match(term, title) <= 0)
            {
                // A name elsewhere in the quote's document is one the text writes differently here ("French" against a
                // passage on France, "East Germany" against "the (East) German Republic") more often than someone else.
                // With equal penalties (both 0 by default) neither the search nor the acronym check can change anything.
                var inDocument = options.MissingNamePenalty.Equals(options.DistantNamePenalty)
                    || TermMatching.Match(term, analysed.Text) > 0
                    || (documentHas is not null && term.Alternatives.Any(a => documentHas(passage.DocumentId, a.Term)));
                var penalty = inDocument ? options.DistantNamePenalty : options.MissingNamePenalty;
                if (penalty > 0 && !Acronyms.Stands(question.Question, term.Stem, nearText ??= NearText(passage, index)))
                {
                    factor *= 1 - penalty;
                }
            }
        }

        if (otherWords > 0 && otherWordsNear == 0)
        {
            factor *= 1 - options.OnlyNamesMatchPenalty;
        }

        return factor;
    }

    /// <summary>The quoted sentence with its neighbours: where a name of the question counts as near the quote.</summary>
    private static string NearText(Chunking.Passage passage, int index) =>
        string.Join(' ', passage.Sentences.Skip(Math.Max(0, index - 1)).Take(index == 0 ? 2 : 3).Select(s => s.Text));
}
