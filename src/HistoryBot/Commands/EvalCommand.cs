using System.CommandLine;
using System.Globalization;
using HistoryBot.Cli.Output;
using HistoryBot.Core;
using HistoryBot.Core.Evaluation;
using HistoryBot.Core.Retrieval;
using HistoryBot.QuestionLog;

namespace HistoryBot.Cli.Commands;

/// <summary>`historybot eval QUESTIONS.jsonl`: answer-quality metrics and latency over a question set.</summary>
public sealed class EvalCommand(ConsoleIO io, EngineFactory engines)
{
    private readonly QuestionLogging _logging = new(engines, "eval");

    public Command Build()
    {
        var file = new Argument<string>("questions")
        {
            Description = "A JSON Lines file: {\"question\", \"answers\": [...], \"evidences\": [...], \"unanswerable\": false} per line.",
        };
        var failures = new Option<bool>("--failures") { Description = "List the questions whose quote missed the answer." };
        var compare = new Option<bool>("--compare") { Description = "Run lexical and hybrid retrieval on the same questions and print them side by side." };
        var command = new Command("eval", "Measure answer quality (ansq1, evid1, psg3, abstain, falseabs) and latency.") { file, failures, compare, _logging.Log, _logging.LogPath };
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
            await using var log = _logging.Open(parseResult, loggers, onByDefault: false);
            if (parseResult.GetValue(compare))
            {
                var reports = new List<(string Name, EvalReport Report)>();
                foreach (var mode in new[] { RetrievalMode.Lexical, RetrievalMode.Hybrid })
                {
                    var options = engines.RetrievalOptions(parseResult);
                    options.Mode = mode;
                    using var engine = engines.Open(parseResult, loggers, options, cancellationToken: cancellationToken);
                    reports.Add((engine.Mode.ToString().ToLowerInvariant(), Measure(engine, log, questions, cancellationToken)));
                }

                if (parseResult.GetValue(failures))
                {
                    foreach (var (name, report) in reports)
                    {
                        await io.Out.WriteLineAsync($"failures ({name}):");
                        await WriteFailuresAsync(report);
                    }
                }

                await io.Out.WriteLineAsync(SideBySide(reports));
                return ExitCodes.Success;
            }

            using (var engine = engines.Open(parseResult, loggers, cancellationToken: cancellationToken))
            {
                var report = Measure(engine, log, questions, cancellationToken);
                if (parseResult.GetValue(failures))
                {
                    await WriteFailuresAsync(report);
                }

                await io.Out.WriteLineAsync($"retrieval: {engine.Mode.ToString().ToLowerInvariant()}\n{Summary(report)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static EvalReport Measure(HistoryBotEngine engine, IQuestionLog log, IReadOnlyList<EvalQuestion> questions, CancellationToken cancellationToken)
    {
        // One question first, so model and caches are warm and the latencies are those of a running bot.
        engine.Ask("warm up", cancellationToken);
        IAnswerService service = log is NullQuestionLog ? engine : new QuestionLogging.LoggingAnswerService(engine, log, "eval", engine.Mode);
        return Evaluator.Run(service, questions, cancellationToken);
    }

    public static string SideBySide(IReadOnlyList<(string Name, EvalReport Report)> reports)
    {
        var builder = new System.Text.StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{"metric",-12}");
        foreach (var (name, _) in reports)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{name,12}");
        }

        builder.AppendLine();
        var rows = new (string Name, Func<EvalReport, string> Value)[]
        {
            ("ansq1", r => Rate(r.Ansq1)),
            ("evid1", r => Rate(r.Evid1)),
            ("psg3", r => Rate(r.Psg3)),
            ("abstain", r => Rate(r.Abstain)),
            ("falseabs", r => Rate(r.FalseAbstain)),
            ("median ms", r => r.MedianMs.ToString("0.00", CultureInfo.InvariantCulture)),
            ("p95 ms", r => r.P95Ms.ToString("0.00", CultureInfo.InvariantCulture)),
        };
        foreach (var (name, value) in rows)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{name,-12}");
            foreach (var (_, report) in reports)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{value(report),12}");
            }

            builder.AppendLine();
        }

        builder.Append(CultureInfo.InvariantCulture, $"questions: {reports[0].Report.Answerable} answerable, {reports[0].Report.Unanswerable} unanswerable");
        return builder.ToString();
    }

    public static string Summary(EvalReport report)
    {
        return string.Create(
            CultureInfo.InvariantCulture,
            $"questions: {report.Answerable} answerable, {report.Unanswerable} unanswerable\n" +
            $"ansq1:    {Rate(report.Ansq1)}\nevid1:    {Rate(report.Evid1)}\npsg3:     {Rate(report.Psg3)}\n" +
            $"abstain:  {Rate(report.Abstain)}\nfalseabs: {Rate(report.FalseAbstain)}\n" +
            $"latency:  median {report.MedianMs:0.00} ms, p95 {report.P95Ms:0.00} ms, total {report.TotalSeconds:0.00} s");
    }

    /// <summary>A rate for the tables; "–" where the set has no question it applies to (evid1 without evidence).</summary>
    private static string Rate(double value) => double.IsNaN(value) ? "–" : value.ToString("0.000", CultureInfo.InvariantCulture);

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
            await io.Out.WriteLineAsync(
                $"Q: {TerminalText.Escape(q.Question)}\n   gold: {TerminalText.Escape(gold)}\n   got:  {TerminalText.Sanitise(got)}\n   psg3: {outcome.PassageHit}");
        }
    }
}
