using System.Diagnostics;
using HistoryBot.Core.Answering;

namespace HistoryBot.Core.Evaluation;

/// <summary>The outcome of one question of a set.</summary>
public sealed record EvalOutcome(EvalQuestion Question, Answer Answer, bool AnswerHit, bool EvidenceHit, bool PassageHit, double Milliseconds);

/// <summary>Metrics over a question set. Rates are shares in [0, 1]; NaN where the set has no such question.</summary>
public sealed record EvalReport(
    int Answerable,
    int Unanswerable,
    double Ansq1,
    double Evid1,
    double Psg3,
    double Abstain,
    double FalseAbstain,
    double MedianMs,
    double P95Ms,
    double TotalSeconds,
    IReadOnlyList<EvalOutcome> Outcomes);

/// <summary>Asks every question of a set and scores the answers.</summary>
public static class Evaluator
{
    public static EvalReport Run(IAnswerService service, IReadOnlyList<EvalQuestion> questions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(questions);
        var total = Stopwatch.StartNew();
        var outcomes = new List<EvalOutcome>(questions.Count);
        foreach (var question in questions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stopwatch = Stopwatch.StartNew();
            var answer = service.Ask(question.Question, cancellationToken);
            var ms = stopwatch.Elapsed.TotalMilliseconds;
            var quote = answer.Quote?.Text.Text ?? string.Empty;
            var answers = question.Answers ?? [];
            var evidences = question.Evidences ?? [];
            outcomes.Add(new EvalOutcome(
                question,
                answer,
                answer.Answered && AnswerMetrics.AnswerInQuote(quote, answers),
                answer.Answered && AnswerMetrics.EvidenceInQuote(quote, evidences),
                AnswerMetrics.EvidenceInPassages(answer.Passages.Select(p => p.Passage.Text), evidences),
                ms));
        }

        var answerable = outcomes.Where(o => !o.Question.Unanswerable).ToList();
        var unanswerable = outcomes.Where(o => o.Question.Unanswerable).ToList();

        // evid1 and psg3 are measured on the questions that name their evidence: NaN for a set without any.
        var withEvidence = answerable.Where(o => o.Question.Evidences is { Count: > 0 }).ToList();
        var latencies = outcomes.Select(o => o.Milliseconds).Order().ToList();
        return new EvalReport(
            answerable.Count,
            unanswerable.Count,
            Share(answerable, o => o.AnswerHit),
            Share(withEvidence, o => o.EvidenceHit),
            Share(withEvidence, o => o.PassageHit),
            Share(unanswerable, o => !o.Answer.Answered),
            Share(answerable, o => !o.Answer.Answered),
            Percentiles.NearestRank(latencies, 0.5),
            Percentiles.NearestRank(latencies, 0.95),
            total.Elapsed.TotalSeconds,
            outcomes);
    }

    private static double Share(List<EvalOutcome> outcomes, Func<EvalOutcome, bool> predicate) =>
        outcomes.Count == 0 ? double.NaN : outcomes.Count(predicate) / (double)outcomes.Count;
}
