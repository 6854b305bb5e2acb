using HistoryBot.Core.Answering;
using HistoryBot.Training;

namespace HistoryBot.Tests.Training;

/// <summary>The trainer's LambdaMART sentence ranker (--ranker): what it learns and what it exports.</summary>
public sealed class RankerTests
{
    private static readonly string[] Names = ["noise", "signal"];

    // Groups of five candidates: one positive, whose "signal" feature is the group's highest; "noise" is random.
    private static List<IReadOnlyList<(float[] Features, bool Label)>> Groups(int count, int seed)
    {
        var random = new Random(seed);
        var groups = new List<IReadOnlyList<(float[], bool)>>();
        for (var g = 0; g < count; g++)
        {
            var positive = random.Next(5);
            groups.Add([.. Enumerable.Range(0, 5).Select(i => (
                new[] { (float)random.NextDouble(), i == positive ? 0.9f + ((float)random.NextDouble() * 0.1f) : (float)random.NextDouble() * 0.85f },
                i == positive))]);
        }

        return groups;
    }

    [Fact]
    public void The_ranker_puts_each_groups_positive_first_on_groups_it_has_not_seen()
    {
        var trainer = new EnsembleTrainer(1);
        var fitted = trainer.FitRanker(Names, Groups(300, 1), new TreeSettings(50, 8, 5, 0.1));

        var held = Groups(100, 2);
        var firstRight = held.Count(g => g[AnswerModel.MostProbable([.. g.Select(r => fitted.Ensemble.Probability(r.Features))])].Label);
        Assert.True(firstRight >= 90, $"{firstRight} of 100 groups had their positive first");
    }

    [Fact]
    public void The_exported_ranker_gives_ml_nets_scores_and_their_logistic_as_probability()
    {
        var trainer = new EnsembleTrainer(1);
        var groups = Groups(100, 3);
        var fitted = trainer.FitRanker(Names, groups, new TreeSettings(20, 8, 5, 0.1));

        var rows = groups.SelectMany(g => g).ToList();
        var reference = trainer.Predict(fitted, rows);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(reference[i].Score, fitted.Ensemble.Score(rows[i].Features), 1e-4);
            Assert.Equal(reference[i].Probability, fitted.Ensemble.Probability(rows[i].Features), 1e-5);
        }

        Assert.True(rows.Select(r => fitted.Ensemble.Score(r.Features)).Distinct().Count() > 1, "the ranker learned nothing");
    }
}
