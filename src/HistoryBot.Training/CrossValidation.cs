using HistoryBot.Core.Answering;

namespace HistoryBot.Training;

/// <summary>What the bot would do with one question: its confidence, and whether its quote is right.</summary>
internal sealed record Outcome(TrainingQuestion Question, double Confidence, bool Right, int Fold);

/// <summary>
/// Cross-validation grouped by article: every article's questions are in one fold, and each fold is answered by models
/// trained on the other folds only. Both models are cross-validated this way (the answerability model reads the sentence
/// model's out-of-fold probabilities), and so is the threshold.
/// </summary>
internal sealed class CrossValidation(EnsembleTrainer trainer, int folds, TreeSettings sentenceTrees, TreeSettings answerTrees)
{
    /// <summary>Assigns the articles to folds, largest first, each to the fold with the fewest questions so far.</summary>
    public static Dictionary<string, int> Folds(IReadOnlyList<QuestionRows> data, int folds)
    {
        var sizes = new int[folds];
        var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in data.GroupBy(q => q.Question.Group).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
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
            var training = data.Where(q => fold[q.Question.Group] != k).SelectMany(q => q.Rows).Select(r => (r.Features, r.Label)).ToList();
            var model = trainer.Fit(SentenceFeatures.Names, training, sentenceTrees).Ensemble;
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

    /// <summary>The answerability examples: each question's best candidate by sentence probability, and whether it is right.</summary>
    public static List<(int Question, float[] Features, bool Label)> AnswerExamples(IReadOnlyList<QuestionRows> data, double[][] probabilities)
    {
        var examples = new List<(int, float[], bool)>();
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i].Rows.Count == 0)
            {
                continue;
            }

            var best = Best(probabilities[i]);
            examples.Add((i, AnswerModel.AnswerFeatures(data[i].Rows[best].Features, probabilities[i], best), data[i].Rows[best].Label));
        }

        return examples;
    }

    /// <summary>The out-of-fold answerability scores and labels of the last <see cref="Learned"/>: what the shipped calibration is fitted on.</summary>
    public IReadOnlyList<(double Score, bool Label)> OutOfFoldScores { get; private set; } = [];

    /// <summary>The out-of-fold outcome of every question under the learned path.</summary>
    public List<Outcome> Learned(IReadOnlyList<QuestionRows> data, Dictionary<string, int> fold, double[][] probabilities)
    {
        var examples = AnswerExamples(data, probabilities);
        var scores = new double[data.Count];
        for (var k = 0; k < folds; k++)
        {
            var training = examples.Where(e => fold[data[e.Question].Question.Group] != k).Select(e => (e.Features, e.Label)).ToList();
            var model = trainer.Fit(AnswerModel.AnswerFeatureNames, training, answerTrees).Ensemble;
            foreach (var e in examples.Where(e => fold[data[e.Question].Question.Group] == k))
            {
                scores[e.Question] = model.Score(e.Features);
            }
        }

        // Each fold's scores calibrated by a Platt fit on the other folds' out-of-fold scores.
        var confidence = new double[data.Count];
        for (var k = 0; k < folds; k++)
        {
            var (slope, offset) = trainer.Platt(examples.Where(e => fold[data[e.Question].Question.Group] != k).Select(e => (scores[e.Question], e.Label)).ToList());
            foreach (var e in examples.Where(e => fold[data[e.Question].Question.Group] == k))
            {
                confidence[e.Question] = 1 / (1 + Math.Exp((slope * scores[e.Question]) + offset));
            }
        }

        OutOfFoldScores = examples.Select(e => (scores[e.Question], e.Label)).ToList();

        return data.Select((q, i) => new Outcome(
            q.Question,
            confidence[i],
            q.Rows.Count > 0 && q.Rows[Best(probabilities[i])].Label,
            fold[q.Question.Group])).ToList();
    }

    /// <summary>The outcome of every question under the hand-written path (its best sentence and confidence).</summary>
    public static List<Outcome> Rules(IReadOnlyList<QuestionRows> data, Dictionary<string, int> fold) =>
        data.Select(q => new Outcome(
            q.Question,
            q.Rows.Count > 0 ? q.Rows[0].HandConfidence : 0,
            q.Rows.Count > 0 && q.Rows[0].Label,
            fold[q.Question.Group])).ToList();

    public static int Best(double[] probabilities)
    {
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        return best;
    }
}
