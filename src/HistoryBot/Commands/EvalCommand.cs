using System.CommandLine;
using System.Globalization;
using HistoryBot.Cli.Output;
using HistoryBot.Core.Evaluation;

namespace HistoryBot.Cli.Commands;

/// <summary>`historybot eval QUESTIONS.jsonl`: answer-quality metrics and latency over a question set.</summary>
public sealed class EvalCommand(ConsoleIO io, EngineFactory engines)
{
    public Command Build()
    {
        var file = new Argument<string>("questions")
        {
            Description = "A JSON Lines file: {\"question\", \"answers\": [...], \"evidences\": [...], \"unanswerable\": false} per line.",
        };
        var failures = new Option<bool>("--failures") { Description = "List the questions whose quote missed the answer." };
        var command = new Command("eval", "Measure answer quality (ansq1, evid1, psg3, abstain, falseabs) and latency.") { file, failures };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"the question file '{path}' does not exist.");
            }

            IReadOnlyList<EvalQuestion> questions;
            using (var reader = File.OpenText(path))
            {
                try
                {
                    questions = EvalQuestion.ReadJsonLines(reader);
                }
                catch (FormatException e)
                {
                    throw new UsageException($"{path}: {e.Message}");
                }
            }

            using var loggers = engines.CreateLoggerFactory(parseResult);
            using var engine = engines.Open(parseResult, loggers, cancellationToken: cancellationToken);
            engine.Ask("warm up", cancellationToken);
            var report = Evaluator.Run(engine, questions, cancellationToken);
            if (parseResult.GetValue(failures))
            {
                await WriteFailuresAsync(report);
            }

            await io.Out.WriteLineAsync(Summary(report));
            return ExitCodes.Success;
        });
        return command;
    }

    public static string Summary(EvalReport report)
    {
        static string Rate(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"questions: {report.Answerable} answerable, {report.Unanswerable} unanswerable\n" +
            $"ansq1:    {Rate(report.Ansq1)}\nevid1:    {Rate(report.Evid1)}\npsg3:     {Rate(report.Psg3)}\n" +
            $"abstain:  {Rate(report.Abstain)}\nfalseabs: {Rate(report.FalseAbstain)}\n" +
            $"latency:  median {report.MedianMs:0.00} ms, p95 {report.P95Ms:0.00} ms, total {report.TotalSeconds:0.00} s");
    }

    private async Task WriteFailuresAsync(EvalReport report)
    {
        foreach (var outcome in report.Outcomes)
        {
            var q = outcome.Question;
            var wrong = q.Unanswerable ? outcome.Answer.Answered : !outcome.AnswerHit;
            if (!wrong)
            {
                continue;
            }

            var got = outcome.Answer.Quote is { } quote
                ? $"{quote.Score:0.00} {AnswerText.Shorten(quote.Text.Text, 200)}"
                : "(declined)";
            var gold = q.Unanswerable ? "(unanswerable)" : string.Join(" | ", q.Answers ?? []);
            await io.Out.WriteLineAsync($"Q: {q.Question}\n   gold: {gold}\n   got:  {got}\n   psg3: {outcome.PassageHit}");
        }
    }
}
