using HistoryBot.Core.Answering;

namespace HistoryBot.Training;

/// <summary>
/// The map of the rules pick's hand-written confidence to the share of right answers (<see cref="ConfidenceScale"/>, the
/// default path's shown confidence): ML.NET's Platt calibrator fitted on every answer the rules give at their threshold
/// over the training material (an answer to an unanswerable or off-topic question counts as wrong).
/// <para>
/// Fitting it without SQuAD 2.0's look-alike unanswerable questions was tried: it calibrated Wikipedia's answers
/// (squad-dev ECE 0.108 -> 0.062) by making the books' overconfident (0.082 -> 0.116, held out 0.101 -> 0.115); fitted on
/// everything, every development set but SQuAD 2.0's gains (bench/eval/README.md, issue 18 eighth part).
/// </para>
/// </summary>
internal static class HandScale
{
    public static bool FittedOn(Outcome outcome) =>
        outcome.Confidence >= ConfidenceOptions.RulesMinimumConfidence && !TrainingSets.DeclineExamplesOnly(outcome.Question.Set);

    /// <summary>
    /// Fits the map on every fold but one and maps that fold's confidences: the out-of-fold outcomes of the answers given
    /// at the rules' threshold (in the same order; declined ones get confidence −1: the map is increasing, so the same are declined).
    /// </summary>
    public static List<Outcome> CrossValidated(EnsembleTrainer trainer, IReadOnlyList<Outcome> rules)
    {
        var scales = rules.Select(o => o.Fold).Distinct().ToDictionary(fold => fold, fold => Fit(trainer, rules.Where(o => o.Fold != fold)));
        return [.. rules.Select(o => o with
        {
            Confidence = o.Confidence >= ConfidenceOptions.RulesMinimumConfidence ? scales[o.Fold].Map(o.Confidence) : -1,
        })];
    }

    public static ConfidenceScale Fit(EnsembleTrainer trainer, IEnumerable<Outcome> rules) =>
        trainer.Platt([.. rules.Where(FittedOn).Select(o => (o.Confidence, o.Right && !o.Question.Unanswerable))]);

    /// <summary>Prints the expected calibration error of the answers given at the rules' threshold, as computed and as mapped out of fold.</summary>
    public static void Report(IReadOnlyList<Outcome> rules, IReadOnlyList<Outcome> mapped, ConfidenceScale shipped)
    {
        var threshold = ConfidenceOptions.RulesMinimumConfidence;
        double Ece(IEnumerable<Outcome> outcomes) => Figures.Reliability([.. outcomes]).Ece;
        var given = rules.Select(o => o.Confidence >= threshold ? o : o with { Confidence = -1 }).ToList();
        Console.WriteLine();
        Console.WriteLine($"rules pick, hand-written confidence mapped, answers given at {threshold:F2}: "
            + "expected calibration error as computed -> mapped out of fold");
        void Line(string label, Func<Outcome, bool> which) => Console.WriteLine(
            $"  {label,-30} {Ece(given.Where((o, i) => which(rules[i]))):F3} -> {Ece(mapped.Where((o, i) => which(rules[i]))):F3}");
        foreach (var set in rules.Select(o => o.Question.Set).Distinct().Order(StringComparer.Ordinal))
        {
            Line(set, o => o.Question.Set == set);
        }

        Line("squad2-train answerable only", o => o.Question.Set == TrainingSets.Squad && !o.Question.Unanswerable);
        Line("all", _ => true);
        Console.WriteLine($"  map: p = 1 / (1 + exp({shipped.Slope:F3} × logit(c) + {shipped.Offset:F3})); "
            + string.Join(", ", new[] { 0.35, 0.5, 0.6, 0.7, 0.8, 0.9 }.Select(c => $"{c:F2} -> {shipped.Map(c):F3}")));
    }
}
