using System.CommandLine;
using HistoryBot.Cli.Output;
using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.QuestionLog;

namespace HistoryBot.Cli.Commands;

/// <summary>`historybot ask "QUESTION" [--json]`; with --json and no question, one JSON line per stdin line.</summary>
public sealed class AskCommand(ConsoleIO io, EngineFactory engines)
{
    public const int MaxQuestionChars = 4000;

    private readonly QuestionLogging _logging = new(engines, "ask");

    public Command Build()
    {
        var question = new Argument<string?>("question")
        {
            Description = "The question, in quotes. With --json and no question, questions are read from standard input, one per line.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per question (for scripts)." };
        var command = new Command("ask", "Answer one question by quoting the corpus.") { question, json, _logging.Log, _logging.LogPath };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = parseResult.GetValue(question);
            var asJson = parseResult.GetValue(json);
            if (text is null && !asJson)
            {
                throw new UsageException("give a question, e.g. historybot ask \"When did Lenin die?\" (or use --json to read questions from standard input).");
            }

            if (text is not null && string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("the question is empty.");
            }

            using var loggers = engines.CreateLoggerFactory(parseResult);
            using var engine = engines.OpenLive(parseResult, loggers, cancellationToken, watch: false);
            await using var log = _logging.Open(parseResult, loggers, onByDefault: false);
            if (text is not null)
            {
                var answer = engine.Ask(Clip(text), cancellationToken);
                _logging.Record(log, answer, answer.Retrieval);
                await WarnIfClippedAsync(io.Error, answer);
                await io.Out.WriteAsync(asJson ? AnswerJson.Serialize(answer) + "\n" : new AnswerText(io.OutputIsTerminal, engine).Format(answer));
                if (!asJson && parseResult.GetValue(engines.Common.Verbose))
                {
                    await io.Out.WriteLineAsync(RetrievalLine(answer));
                }

                await io.Out.FlushAsync(cancellationToken);
                return ExitCodes.Success;
            }

            await AnswerLinesAsync(engine, log, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One line on standard error when the engine cut a long question to Retrieval:MaxQuestionLength.</summary>
    public static async Task WarnIfClippedAsync(TextWriter error, Answer answer)
    {
        if (answer.QuestionClipped)
        {
            await error.WriteLineAsync(
                $"note: the question was too long; only its first {answer.Question.Length:N0} characters were used (Retrieval:MaxQuestionLength).");
        }
    }

    /// <summary>"retrieval: hybrid" or "retrieval: lexical": printed after each answer with --verbose (ask, chat).</summary>
    public static string RetrievalLine(Answer answer) => $"retrieval: {AnswerJson.RetrievalName(answer.Retrieval)}";

    /// <summary>Very long input is cut, not rejected: the start of a question carries its topic.</summary>
    public static string Clip(string question) => question.Length <= MaxQuestionChars ? question : question[..MaxQuestionChars];

    private async Task AnswerLinesAsync(IAnswerService engine, IQuestionLog log, CancellationToken cancellationToken)
    {
        while (await io.In.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var answer = engine.Ask(Clip(line.Trim()), cancellationToken);
            _logging.Record(log, answer, answer.Retrieval);
            await WarnIfClippedAsync(io.Error, answer);
            await io.Out.WriteAsync(AnswerJson.Serialize(answer) + "\n");
            await io.Out.FlushAsync(cancellationToken);
        }
    }
}
