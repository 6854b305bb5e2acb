using HistoryBot.Core.Answering;

namespace HistoryBot.Training;

/// <summary>What the bot would do with one question: its confidence, and whether its quote is right.</summary>
internal sealed record Outcome(TrainingQuestion Question, double Confidence, bool Right, int Fold);

/// <summary>
/// Cross-validation grouped by article: every article's questions are in one fold, and each fold is answered by models
/// trained on the other folds only. Both models are cross-validated this way (the answerability model reads the sentence
/// model's out-of-fold probabilities), and so is the threshold.
/// </summary>
internal sealed class CrossValidation(EnsembleTrainer trainer, int folds, TreeSettings sentenceTrees, IReadOnlyList<string> names, bool ranker = false)
{
    /// <summary>
    /// Assigns the articles to folds, largest first, each to the fold with the fewest questions so far. The generated swaps
    /// and written unanswerable questions are not counted (they share their article's fold), so the folds stay the same with or without them and the figures
    /// of both compare question for question.
    /// </summary>
    /// <param name="shuffle">When given, the articles are taken in an order shuffled with this seed instead of largest first
    /// (other fold assignments of the same sizes, to see how much a figure owes to one assignment).</param>
    public static Dictionary<string, int> Folds(IReadOnlyList<QuestionRows> data, int folds, int? shuffle = null)
    {
        var sizes = new int[folds];
        var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = data.Where(q => !TrainingSets.DeclineExamplesOnly(q.Question.Set)).GroupBy(q => q.Question.Group).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (shuffle is { } seed)
        {
            new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(groups));
        }

        foreach (var group in groups)
        {
            var fold = Array.IndexOf(sizes, sizes.Min());
            assignment[group.Key] = fold;
            sizes[fold] += group.Count();
        }

        return assignment;
    }

    /// <summary>The out-of-fold sentence probabilities of every question's candidates.</summary>
    public double[][] SentenceProbabilities(IReadOnlyList<QuestionRows> data, Dictionary<string, int> fold)
    {
        var result = new double[data.Count][];
        for (var k = 0; k < folds; k++)
        {
            var model = FitSentenceModel(data.Where(q => fold[q.Question.Group] != k)).Ensemble;
            for (var i = 0; i < data.Count; i++)
            {
                if (fold[data[i].Question.Group] == k)
                {
                    result[i] = data[i].Rows.Select(r => model.Probability(r.Features)).ToArray();
                }
            }
        }

        return result;
    }

    /// <summary>The sentence model fitted on <paramref name="questions"/>: a per-candidate classifier, or with the ranker a LambdaMART ranker.</summary>
    public EnsembleTrainer.Fitted FitSentenceModel(IEnumerable<QuestionRows> questions)
    {
        var learnFrom = questions.Where(SentenceModelLearnsFrom).ToList();
        return ranker
            ? trainer.FitRanker(names, [.. learnFrom.Where(q => q.Rows.Count > 0).Select(q => q.Rows.Select(r => (r.Features, r.Label)).ToList())], sentenceTrees)
            : trainer.Fit(names, [.. learnFrom.SelectMany(q => q.Rows).Select(r => (r.Features, r.Label))], sentenceTrees);
    }

    /// <summary>
    /// Whether the sentence model trains on a question's rows. Not on the generated swaps or the written unanswerable questions: every row of an unanswerable
    /// question is negative, so they teach no choice between sentences, and thousands of them only pull every sentence's
    /// probability down; they train the answer's calibration, which decides whether to answer.
    /// </summary>
    public static bool SentenceModelLearnsFrom(QuestionRows question) => !TrainingSets.DeclineExamplesOnly(question.Question.Set);

    /// <summary>Who picks a question's quote: the index of the chosen candidate, given the out-of-fold sentence probabilities.</summary>
    internal delegate int Pick(QuestionRows question, double[] probabilities);

    /// <summary>The sentence model picks (the most probable candidate).</summary>
    public static readonly Pick ModelPick = (_, p) => AnswerModel.MostProbable(p);

    /// <summary>The hand-written score picks (the first candidate: rows are ordered by hand score).</summary>
    public static readonly Pick RulesPick = (_, _) => 0;

    /// <summary>The answerability examples: each question's picked candidate, its features and whether it is right.</summary>
    public static List<(int Question, float[] Features, bool Label)> AnswerExamples(IReadOnlyList<QuestionRows> data, double[][] probabilities, Pick pick)
    {
        var examples = new List<(int, float[], bool)>();
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i].Rows.Count == 0)
            {
                continue;
            }

            var best = pick(data[i], probabilities[i]);
            examples.Add((i, AnswerModel.AnswerFeatures(data[i].Rows[best].Features, probabilities[i], best), data[i].Rows[best].Label));
        }

        return examples;
    }

    /// <summary>
    /// The out-of-fold outcome of every question when <paramref name="pick"/> picks and a logistic regression over the
    /// <paramref name="names"/> answerability features decides (fitted on the other folds).
    /// </summary>
    /// <param name="isotonic">Whether the linear score is mapped to a probability by an isotonic map (fitted on the same
    /// folds) rather than by the logistic function.</param>
    public List<Outcome> Linear(
        IReadOnlyList<QuestionRows> data, Dictionary<string, int> fold, double[][] probabilities, Pick pick, IReadOnlyList<string> names, bool isotonic = false)
    {
        var examples = AnswerExamples(data, probabilities, pick);
        var confidence = new double[data.Count];
        for (var k = 0; k < folds; k++)
        {
            var training = examples.Where(e => fold[data[e.Question].Question.Group] != k).Select(e => (e.Features, e.Label)).ToList();
            var model = trainer.Logistic(AnswerModel.AnswerFeatureNames, names, training);
            if (isotonic)
            {
                model = trainer.Isotonic(model, training);
            }

            foreach (var e in examples.Where(e => fold[data[e.Question].Question.Group] == k))
            {
                confidence[e.Question] = model.Probability(e.Features);
            }
        }

        return data.Select((q, i) => new Outcome(
            q.Question, confidence[i], q.Rows.Count > 0 && q.Rows[pick(q, probabilities[i])].Label, fold[q.Question.Group])).ToList();
    }

    /// <summary>The outcome of every question when <paramref name="pick"/> picks and the hand-written confidence of the pick decides.</summary>
    public static List<Outcome> HandDecided(IReadOnlyList<QuestionRows> data, Dictionary<string, int> fold, double[][] probabilities, Pick pick) =>
        data.Select((q, i) =>
        {
            var best = q.Rows.Count > 0 ? q.Rows[pick(q, probabilities[i])] : null;
            return new Outcome(q.Question, best?.HandConfidence ?? 0, best?.Label ?? false, fold[q.Question.Group]);
        }).ToList();
}
