using HistoryBot.Core.Answering;

namespace HistoryBot.Training;

/// <summary>
/// The map of the rules pick's hand-written confidence to the share of right answers (<see cref="ConfidenceScale"/>, the
/// default path's shown confidence), fitted on the answers the rules give at their threshold.
/// <para>
/// SQuAD 2.0's unanswerable questions are left out of the fit. They were written to mirror a paragraph, no feature here
/// tells them from answerable ones (issue 18's third to seventh parts), and their share is an accident of the material: 7 %
/// of the training excerpt, none in a Wikipedia question set, 57 % of SQuAD 2.0's development questions. Counted, they pull
/// every answer's confidence down by their share, which leaves the answers to askable and off-topic questions
/// underconfident; left out, the confidence is the share right of those, and an answer to such a question is as
/// confident as an answer to the question it mirrors (as before). Our own unanswerable questions (books, seed) and the
/// off-topic ones stay in.
/// </para>
/// </summary>
internal static class HandScale
{
    public static bool FittedOn(Outcome outcome) =>
        outcome.Confidence >= ConfidenceOptions.RulesMinimumConfidence
        && !(outcome.Question.Set == TrainingSets.Squad && outcome.Question.Unanswerable)
        && !TrainingSets.DeclineExamplesOnly(outcome.Question.Set);

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
        Console.WriteLine($"rules pick, hand-written confidence mapped (fitted without SQuAD 2.0's unanswerable questions), answers given at {threshold:F2}: "
            + "expected calibration error as computed -> mapped out of fold");
        void Line(string label, Func<Outcome, bool> which) => Console.WriteLine(
            $"  {label,-30} {Ece(given.Where((o, i) => which(rules[i]))):F3} -> {Ece(mapped.Where((o, i) => which(rules[i]))):F3}");
        Line("what it is fitted on", FittedOn);
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
