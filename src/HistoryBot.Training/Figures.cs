namespace HistoryBot.Training;

/// <summary>The figures of one set at one threshold, as bench/eval defines them.</summary>
internal sealed record SetFigures(string Set, int Answerable, int Unanswerable, double Ansq1, double FalseAbs, double Abstain)
{
    /// <summary>The objective of bench/eval (cv.py): ansq1 - 2 × falseabs + 0.5 × abstain.</summary>
    public double Objective => Ansq1 - (2 * FalseAbs) + (Unanswerable > 0 ? 0.5 * Abstain : 0);

    public override string ToString() =>
        $"{Set,-14} {Answerable,5} + {Unanswerable,4}   ansq1 {Ansq1:F3}   falseabs {FalseAbs:F3}   abstain {(Unanswerable > 0 ? Abstain.ToString("F3") : "  -  ")}";
}

/// <summary>Scores outcomes: per-set figures, the objective averaged over sets, the threshold, the reliability table.</summary>
internal static class Figures
{
    public static SetFigures Of(string set, IEnumerable<Outcome> outcomes, double threshold)
    {
        var list = outcomes.ToList();
        var answerable = list.Where(o => !o.Question.Unanswerable).ToList();
        var unanswerable = list.Where(o => o.Question.Unanswerable).ToList();
        double Share(int n, int of) => of == 0 ? 0 : (double)n / of;
        return new SetFigures(
            set,
            answerable.Count,
            unanswerable.Count,
            Share(answerable.Count(o => o.Confidence >= threshold && o.Right), answerable.Count),
            Share(answerable.Count(o => o.Confidence < threshold), answerable.Count),
            Share(unanswerable.Count(o => o.Confidence < threshold), unanswerable.Count));
    }

    /// <summary>The objective averaged over the sets (each set counts once; the generated swaps and written unanswerable questions do not count).</summary>
    public static double Objective(IEnumerable<Outcome> outcomes, double threshold) =>
        outcomes.Where(o => !TrainingSets.DeclineExamplesOnly(o.Question.Set)).GroupBy(o => o.Question.Set).Average(g => Of(g.Key, g, threshold).Objective);

    public static IReadOnlyList<double> Thresholds { get; } = Enumerable.Range(1, 80).Select(i => i / 100.0).ToList();

    /// <summary>The threshold with the best objective (the lowest of equals).</summary>
    public static double BestThreshold(IReadOnlyList<Outcome> outcomes) =>
        Thresholds.Select(t => (t, v: Objective(outcomes, t))).OrderByDescending(x => x.v).ThenBy(x => x.t).First().t;

    /// <summary>
    /// Each fold answered at the threshold chosen on the other folds: the decisions the cross-validated figures are
    /// made of (declined questions get confidence -1).
    /// </summary>
    public static List<Outcome> WithFoldThresholds(IReadOnlyList<Outcome> outcomes, out IReadOnlyList<double> chosen)
    {
        var result = new List<Outcome>();
        var thresholds = new List<double>();
        foreach (var fold in outcomes.Select(o => o.Fold).Distinct().Order())
        {
            var t = BestThreshold(outcomes.Where(o => o.Fold != fold).ToList());
            thresholds.Add(t);
            result.AddRange(outcomes.Where(o => o.Fold == fold).Select(o => o.Confidence >= t ? o : o with { Confidence = -1 }));
        }

        chosen = thresholds;
        return result;
    }

    /// <summary>The reliability table of the answered questions (confidence at least 0), and the expected calibration error.</summary>
    public static (string Table, double Ece) Reliability(IReadOnlyList<Outcome> outcomes)
    {
        var answered = outcomes.Where(o => o.Confidence >= 0).ToList();
        var lines = new List<string> { "| confidence | answers | mean confidence | right |", "|---|---|---|---|" };
        var ece = 0.0;
        for (var b = 0; b < 10; b++)
        {
            var bin = answered.Where(o => Math.Min(9, (int)(o.Confidence * 10)) == b).ToList();
            if (bin.Count == 0)
            {
                continue;
            }

            var mean = bin.Average(o => o.Confidence);
            var right = bin.Average(o => o.Right && !o.Question.Unanswerable ? 1.0 : 0.0);
            ece += (double)bin.Count / answered.Count * Math.Abs(mean - right);
            lines.Add($"| {b / 10.0:F1}–{(b + 1) / 10.0:F1} | {bin.Count} | {mean:F3} | {right:F3} |");
        }

        return (string.Join('\n', lines), ece);
    }
}
