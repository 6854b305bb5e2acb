using HistoryBot.Core.Retrieval;

namespace HistoryBot.Core.Answering;

/// <summary>
/// Runs the answering stages over the candidates of a question: sentence scoring, confidence and abstention, then quote
/// building, or a decline that names the closest sections. Ranks the passages shown with either.
/// </summary>
/// <param name="model">The learned answer model; null for the hand-written path alone (the rules pick and decide).</param>
/// <param name="path">With a model: who picks the quote.</param>
/// <param name="calibrated">With a model: whether its calibrated probability decides and is shown, else the hand-written
/// confidence of the picked sentence.</param>
/// <param name="handScale">The map through which the hand-written confidence of the rules pick is shown and decided
/// (with the default threshold mapped alike); null: shown as computed.</param>
internal sealed class AnswerComposer(
    SentenceScorer scorer, ConfidenceEstimator confidence, QuoteBuilder quotes, AnswerModel? model = null,
    AnswerPath path = AnswerPath.Learned, bool calibrated = true, ConfidenceScale? handScale = null)
{
    private readonly SentenceFeatures _features = new(confidence);

    /// <summary>The rules' default threshold through the hand confidence's map (computed once, not per question).</summary>
    private readonly double _mappedRulesThreshold = handScale?.Map(ConfidenceOptions.RulesMinimumConfidence) ?? ConfidenceOptions.RulesMinimumConfidence;

    /// <summary>Most passages returned with an answer (context and "see also").</summary>
    public const int MaxPassagesInAnswer = 5;

    /// <summary>How many of the best candidates a decline draws its suggestions from.</summary>
    public const int SuggestionPassages = 5;

    /// <summary>Most sections or titles suggested when declining.</summary>
    public const int MaxSuggestions = 3;

    /// <summary>A passage's reported score is its best sentence score divided by this, which keeps it near [0, 1].</summary>
    private const double PassageScoreScale = 2.0;

    /// <summary>Decimals of the passage scores reported.</summary>
    private const int ScoreDecimals = 4;

    public Answer Compose(QuestionAnalysis question, IReadOnlyList<CandidatePassage> candidates, TimeSpan elapsed)
    {
        if (candidates.Count == 0 || question.Terms.Count == 0 || question.TotalWeight <= 0)
        {
            return Decline(question, candidates, [], elapsed);
        }

        var scores = scorer.Score(question, candidates);
        if (scores.Top is not { } top)
        {
            return Decline(question, candidates, [], elapsed);
        }

        var sure = 0.0;
        var answers = false;
        if (model is null)
        {
            (sure, answers) = RulesDecide(confidence.Confidence(question, top));
        }
        else
        {
            var (best, probability, threshold) = model.Decide(_features.Describe(question, candidates, scores), path);
            top = best.Sentence;
            (sure, answers) = calibrated ? (probability, confidence.Answers(probability, threshold))
                : path == AnswerPath.Rules ? RulesDecide(best.HandConfidence)
                : (best.HandConfidence, confidence.Answers(best.HandConfidence));
        }

        var ranked = RankPassages(candidates, scores.BestByPassage, top.Passage.Passage.Id);
        if (!answers)
        {
            return Decline(question, candidates, ranked, elapsed);
        }

        return new Answer(question.Question, true, quotes.Build(question, top, sure), ranked, [], elapsed)
        {
            QuestionClipped = question.Clipped,
        };
    }

    /// <summary>The rules pick's hand-written confidence as shown, and whether it answers (through the map when there is one).</summary>
    private (double Shown, bool Answers) RulesDecide(double hand)
    {
        if (handScale is null)
        {
            return (hand, confidence.Answers(hand));
        }

        var shown = handScale.Map(hand);
        return (shown, confidence.Answers(shown, _mappedRulesThreshold));
    }

    /// <summary>
    /// The shortlisted candidate sentences of a question with their features and the text of the quote each would give:
    /// what the answer model is trained on (<c>src/HistoryBot.Training</c>).
    /// </summary>
    public IReadOnlyList<(CandidateSentence Candidate, string Quote)> Inspect(QuestionAnalysis question, IReadOnlyList<CandidatePassage> candidates)
    {
        if (candidates.Count == 0 || question.Terms.Count == 0 || question.TotalWeight <= 0)
        {
            return [];
        }

        return _features.Describe(question, candidates, scorer.Score(question, candidates))
            .Select(c => (c, quotes.Build(question, c.Sentence, c.HandConfidence).Text.Text))
            .ToList();
    }

    private static IReadOnlyList<RankedPassage> RankPassages(
        IReadOnlyList<CandidatePassage> candidates, IReadOnlyDictionary<string, double> sentenceScores, string quotedId)
    {
        // The quoted passage first, then by best sentence score, then by retrieval order.
        return candidates
            .Select((r, i) => (r, i, s: sentenceScores.TryGetValue(r.Passage.Id, out var s) ? s : 0))
            .OrderByDescending(x => x.r.Passage.Id == quotedId)
            .ThenByDescending(x => x.s)
            .ThenBy(x => x.i)
            .Take(MaxPassagesInAnswer)
            .Select(x => new RankedPassage(x.r.Passage, Math.Round(x.s / PassageScoreScale, ScoreDecimals)))
            .ToList();
    }

    private static Answer Decline(
        QuestionAnalysis question, IReadOnlyList<CandidatePassage> candidates, IReadOnlyList<RankedPassage> ranked, TimeSpan elapsed)
    {
        var suggestions = new List<string>();
        foreach (var candidate in candidates.Take(SuggestionPassages))
        {
            var passage = candidate.Passage;
            var label = passage.Section is null ? passage.Title : $"{passage.Section} ({passage.Title})";
            if (!suggestions.Contains(label))
            {
                suggestions.Add(label);
            }

            if (suggestions.Count == MaxSuggestions)
            {
                break;
            }
        }

        return new Answer(question.Question, false, null, ranked, suggestions, elapsed) { QuestionClipped = question.Clipped };
    }
}
