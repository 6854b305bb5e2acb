namespace HistoryBot.Training;

/// <summary>What the trainer prints: cross-validated figures, agreement with ML.NET, feature importances.</summary>
internal static class Report
{
    public static void CrossValidated(string title, IReadOnlyList<Outcome> outcomes, bool brief = false)
    {
        var decided = Figures.WithFoldThresholds(outcomes, out var thresholds);
        Console.WriteLine();
        Console.WriteLine($"{title}, cross-validated by article (thresholds per fold: {string.Join(' ', thresholds.Select(t => t.ToString("F2")))})");
        foreach (var set in decided.GroupBy(o => o.Question.Set).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine("  " + Figures.Of(set.Key, set, 0));
        }

        Console.WriteLine($"  objective {Figures.Objective(decided, 0):F4}");
        foreach (var set in decided.GroupBy(o => o.Question.Set).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (_, setEce) = Figures.Reliability(set.ToList());
            Console.WriteLine($"  {set.Key}: expected calibration error of the answers given {setEce:F3}");
        }

        var (table, ece) = Figures.Reliability(decided);
        if (brief)
        {
            Console.WriteLine($"  expected calibration error of the answers given, all sets {ece:F3}");
            return;
        }

        Console.WriteLine($"  reliability of the answers given, all sets (expected calibration error {ece:F3}):");
        Console.WriteLine(table);
    }

    public static void Agreement(string name, EnsembleTrainer trainer, EnsembleTrainer.Fitted fitted, IReadOnlyList<(float[] Features, bool Label)> rows)
    {
        var sample = rows.Take(2000).ToList();
        var reference = trainer.Predict(fitted, sample);
        var scoreDiff = sample.Select((r, i) => Math.Abs(fitted.Ensemble.Score(r.Features) - reference[i].Score)).Max();
        var probabilityDiff = sample.Select((r, i) => Math.Abs(fitted.Ensemble.Probability(r.Features) - reference[i].Probability)).Max();
        Console.WriteLine($"{name} model: exported trees against ML.NET on {sample.Count} rows: largest score difference {scoreDiff:G3}, probability {probabilityDiff:G3}");
        if (probabilityDiff > 1e-4)
        {
            throw new InvalidOperationException($"The exported {name} model does not reproduce ML.NET's probabilities.");
        }
    }

    public static void Importances(string title, IReadOnlyList<string> names, float[] gains)
    {
        var max = gains.DefaultIfEmpty(0).Max();
        Console.WriteLine($"{title}: feature importance (gain, relative to the largest)");
        foreach (var (name, gain) in names.Zip(gains).OrderByDescending(x => x.Second))
        {
            Console.WriteLine($"  {name,-20} {(max > 0 ? gain / max : 0):F3}");
        }
    }
}
