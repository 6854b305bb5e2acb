using HistoryBot.Core.Retrieval;

namespace HistoryBot.Core.Answering;

/// <summary>One sentence of a candidate passage with its score and the features confidence is built from.</summary>
/// <param name="Coverage">Share of the question's weight the sentence itself covers.</param>
/// <param name="Context">Share of the question's weight covered by the sentence in its context (neighbours, heading, passage).</param>
/// <param name="Salience">As <paramref name="Context"/>, weighing words by salience instead of IDF.</param>
/// <param name="Semantic">Embedding similarity scaled to [0, 1] between the floor and the ceiling; null in lexical mode.</param>
/// <param name="AboutSomeoneElse">The sentence says what is asked about a name the question does not ask about (<see cref="SubjectCheck"/>).</param>
internal sealed record ScoredSentence(
    CandidatePassage Passage, int SentenceIndex, double Score, double Coverage, double Context, double Salience, double? Semantic,
    bool AboutSomeoneElse = false);

/// <summary>Every candidate sentence scored, in candidate order, and the best sentence score of each passage.</summary>
internal sealed record SentenceScores(IReadOnlyList<ScoredSentence> Sentences, IReadOnlyDictionary<string, double> BestByPassage)
{
    /// <summary>The best sentence (the first of equals), or null when there is none.</summary>
    public ScoredSentence? Top => Sentences.Count == 0 ? null : Sentences.OrderByDescending(s => s.Score).First();
}

/// <summary>
/// The sentence scoring stage: scores every sentence of the candidate passages by how much of the question it covers, in
/// its context, whether it carries the kind of thing asked for, its passage's keyword score and (hybrid) its embedding
/// similarity.
/// </summary>
/// <param name="passages">The analysed terms of passages, shared with the other stages of the engine; null: this scorer's own.</param>
internal sealed class SentenceScorer(ScoringOptions options, AnalysedPassages? passages = null)
{
    private readonly AnalysedPassages _passages = passages ?? new();

    /// <summary>Weight of the IDF-weighted coverage of the sentence in its context.</summary>
    public const double ContextWeight = 0.5;

    /// <summary>Weight of the salience-weighted coverage of the sentence in its context.</summary>
    public const double SalienceWeight = 0.5;

    /// <summary>Weight of carrying the kind of answer asked for (a date for "when", a name for "who").</summary>
    public const double CueWeight = 0.25;

    /// <summary>How much a question word counts when found in a neighbouring sentence rather than the sentence itself.</summary>
    public const double NeighbourMatch = 0.8;

    /// <summary>How much a question word counts when found in the section heading or document title.</summary>
    public const double HeadingMatch = 0.8;

    /// <summary>How much a question word counts when found elsewhere in the passage.</summary>
    public const double PassageMatch = 0.6;

    public SentenceScores Score(QuestionAnalysis question, IReadOnlyList<CandidatePassage> candidates)
    {
        var sentences = new List<ScoredSentence>();
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        if (candidates.Count == 0 || question.TotalWeight <= 0)
        {
            return new SentenceScores(sentences, best);
        }

        var maxScore = candidates.Max(r => r.LexicalScore);
        var questionWords = question.LowerCaseWords;
        var nameStems = question.NameStems;
        var possessions = SubjectCheck.AskedPossessions.Of(question.Question, nameStems);
        foreach (var candidate in candidates)
        {
            var passage = candidate.Passage;
            var analysed = _passages.Of(passage);
            var sentenceTerms = analysed.Sentences;
            var headingTerms = analysed.Heading;
            var passageTerms = analysed.All;
            var passageNorm = maxScore > 0 ? candidate.LexicalScore / maxScore : 0;
            var passageBest = 0.0;
            for (var i = 0; i < sentenceTerms.Count; i++)
            {
                var coverage = Coverage(question, sentenceTerms[i]);
                var context = InContext(question, t => t.Idf, sentenceTerms, i, headingTerms, passageTerms);
                var cue = AnswerCues.Carries(question.Kind, passage.Sentences[i].Text, questionWords) ? 1.0 : 0.0;
                var salient = InContext(question, t => t.Salience, sentenceTerms, i, headingTerms, passageTerms);
                var score = coverage + (ContextWeight * context) + (SalienceWeight * salient) + (options.PassageWeight * passageNorm) + (CueWeight * cue);
                double? semantic = null;
                if (candidate.Similarities?[i] is { } cosine)
                {
                    semantic = Math.Clamp((cosine - options.SemanticFloor) / (options.SemanticCeiling - options.SemanticFloor), 0, 1);
                    score += options.SemanticWeight * semantic.Value;
                }

                var someoneElse = coverage > 0 && (SubjectCheck.AboutSomeoneElse(question, nameStems, passage.Sentences[i].Text)
                    || possessions.OwnedBySomeoneElse(passage.Sentences[i].Text));
                if (someoneElse)
                {
                    score -= options.OtherSubjectScorePenalty;
                }

                sentences.Add(new ScoredSentence(candidate, i, score, coverage, context, salient, semantic, someoneElse));
                passageBest = Math.Max(passageBest, score);
            }

            best[passage.Id] = passageBest;
        }

        return new SentenceScores(sentences, best);
    }

    /// <summary>Share of the question's weight that the sentence itself covers.</summary>
    private static double Coverage(QuestionAnalysis question, HashSet<string> sentence)
    {
        var covered = 0.0;
        foreach (var term in question.Terms)
        {
            covered += term.Idf * TermMatching.Match(term, sentence);
        }

        return covered / question.TotalWeight;
    }

    /// <summary>
    /// Share of the question's weight covered by the sentence in its context: fully by the sentence itself, partly by
    /// its neighbours, the section heading or title, and the rest of the passage.
    /// </summary>
    private static double InContext(
        QuestionAnalysis question,
        Func<QuestionTerm, double> weight,
        IReadOnlyList<HashSet<string>> sentences,
        int index,
        HashSet<string> heading,
        HashSet<string> passage)
    {
        var total = 0.0;
        var all = 0.0;
        foreach (var term in question.Terms)
        {
            var here = TermMatching.Match(term, sentences[index]);
            var near = Math.Max(
                index > 0 ? TermMatching.Match(term, sentences[index - 1]) : 0,
                index + 1 < sentences.Count ? TermMatching.Match(term, sentences[index + 1]) : 0);
            var m = Math.Max(here, Math.Max(NeighbourMatch * near, Math.Max(HeadingMatch * TermMatching.Match(term, heading), PassageMatch * TermMatching.Match(term, passage))));
            total += weight(term) * m;
            all += weight(term);
        }

        return all <= 0 ? 0 : total / all;
    }
}
