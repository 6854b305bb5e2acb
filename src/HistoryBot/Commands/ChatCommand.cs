using System.CommandLine;
using System.Globalization;
using HistoryBot.Cli.Output;
using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Conversation;
using HistoryBot.Core.Retrieval;
using HistoryBot.QuestionLog;

namespace HistoryBot.Cli.Commands;

/// <summary>`historybot chat`: a read-answer loop on the console; works with piped input too.</summary>
public sealed class ChatCommand(ConsoleIO io, EngineFactory engines)
{
    /// <summary>Who rates in chat: one console, one voter (hashed like any voter unless Log:StoreUserIds).</summary>
    internal const string ChatVoter = "chat";

    private readonly QuestionLogging _logging = new(engines, "chat");

    private const string Help =
        """
        Ask a question in plain words, e.g. "Why did Lenin and Trotsky disagree about unions?"
        Follow-ups work: "When did Lenin die?" then "Who succeeded him?" or "What about Trotsky?"
        Commands:
          /search <query>   keyword search (Lucene syntax: "phrases", AND/OR/NOT, prefix*, fuzzy~)
          /good, /bad       rate the last answer (kept in the question log, see `historybot log`)
          /help             this help
          /quit             leave (Ctrl-D or Ctrl-C work too)
        """;

    public Command Build()
    {
        var command = new Command("chat", "Chat with the corpus on the console (the default thing to try).") { _logging.LogPath };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var loggers = engines.CreateLoggerFactory(parseResult);
            using var engine = engines.OpenLive(parseResult, loggers, cancellationToken);
            await using var log = _logging.Open(parseResult, loggers, onByDefault: true);
            var text = new AnswerText(io.OutputIsTerminal, engine);
            if (io.InputIsTerminal)
            {
                var stats = engine.Stats;
                await io.Out.WriteLineAsync(
                    $"HistoryBot: {stats.Documents} document(s), {stats.Passages} passages. Ask a question, /help for commands, /quit to leave.");
            }

            var verbose = parseResult.GetValue(engines.Common.Verbose);
            await RunLoopAsync(engine, new Ratings(log), text, verbose, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private async Task RunLoopAsync(IAnswerService engine, Ratings ratings, AnswerText text, bool verbose, CancellationToken cancellationToken)
    {
        var followUps = new FollowUpResolver(engine.IsName);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (io.InputIsTerminal)
            {
                await io.Out.WriteAsync("> ");
                await io.Out.FlushAsync(cancellationToken);
            }

            var line = await ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('/'))
            {
                var (name, rest) = SplitCommand(line);
                switch (name)
                {
                    case "/quit" or "/exit" or "/q":
                        return;
                    case "/help" or "/?":
                        await io.Out.WriteLineAsync(CorpusLine(engine));
                        if (engine.BackgroundEmbedding is { } embedding)
                        {
                            await io.Out.WriteLineAsync(embedding.Describe());
                        }

                        await io.Out.WriteLineAsync(Help);
                        continue;
                    case "/search":
                        await SearchAsync(engine, text, rest);
                        continue;
                    case "/good" or "/bad":
                        await io.Out.WriteLineAsync(await ratings.RateAsync(name == "/good" ? Feedback.Up : Feedback.Down, cancellationToken));
                        continue;
                    default:
                        await io.Out.WriteLineAsync($"Unknown command {TerminalText.Sanitise(name)}. Type /help for the commands.");
                        continue;
                }
            }

            var clipped = AskCommand.Clip(line);
            var question = followUps.Resolve(clipped);
            if (question != clipped)
            {
                await io.Out.WriteLineAsync($"(reading it as: {TerminalText.Sanitise(question)})");
            }

            var answer = engine.Ask(question, cancellationToken);
            followUps.Remember(question);
            followUps.RememberAnswer(question, answer.Quote?.Text.Text);
            ratings.Answered(answer, clipped);
            await AskCommand.WarnIfClippedAsync(io.Out, answer);
            await io.Out.WriteLineAsync(text.Format(answer));
            if (verbose)
            {
                await io.Out.WriteLineAsync(AskCommand.RetrievalLine(answer));
            }

            await io.Out.FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Console.In's ReadLineAsync looks at the token only before it blocks, so Ctrl-C at an empty prompt did nothing
    /// until Enter. The read runs on the thread pool and only the wait is cancelled; a read left pending ends with the
    /// process. Ctrl-C then leaves chat like any command: "Cancelled." and exit code 130.
    /// </summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(io.In.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (io.InputIsTerminal)
        {
            // End the "> " prompt line, so that the shell's prompt starts on a line of its own.
            await io.Out.WriteLineAsync();
            throw;
        }
    }

    /// <summary>"HistoryBot: 3 document(s) indexed; the corpus last changed 2026-11-29 21:40:05 UTC."</summary>
    internal static string CorpusLine(IAnswerService engine)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"HistoryBot: {engine.Stats.Documents} document(s) indexed");
        return engine.CorpusChanged is { } changed
            ? line + string.Create(CultureInfo.InvariantCulture, $"; the corpus last changed {changed.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.")
            : line + ".";
    }

    private async Task SearchAsync(IAnswerService engine, AnswerText text, string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            await io.Out.WriteLineAsync("Usage: /search <query>, e.g. /search \"permanent revolution\"");
            return;
        }

        try
        {
            await io.Out.WriteLineAsync(text.Format(engine.Search(query, 5)));
        }
        catch (QuerySyntaxException e)
        {
            await io.Out.WriteLineAsync(e.Message);
        }
    }

    private static (string Name, string Argument) SplitCommand(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (line.ToLowerInvariant(), string.Empty) : (line[..space].ToLowerInvariant(), line[(space + 1)..].Trim());
    }

    /// <summary>Logs each answer and lets /good and /bad rate the last one.</summary>
    private sealed class Ratings(IQuestionLog log)
    {
        /// <summary>How long /good and /bad wait for the vote to be written before saying it will be stored shortly.</summary>
        private static readonly TimeSpan VoteWait = TimeSpan.FromSeconds(5);

        private string? _lastId;
        private string? _lastQuestion;

        public void Answered(Answer answer, string typed)
        {
            _lastId = log.Record(QuestionLogging.ToEntry("chat", answer, answer.Retrieval, typed));
            _lastQuestion = answer.Question;
        }

        public async Task<string> RateAsync(Feedback feedback, CancellationToken cancellationToken)
        {
            if (log is NullQuestionLog)
            {
                return "The question log is off (Log:Enabled is false), so ratings are not kept.";
            }

            if (_lastId is null)
            {
                return "Nothing to rate yet: ask a question first, then /good or /bad.";
            }

            FeedbackOutcome outcome;
            try
            {
                outcome = await log.SetFeedbackAsync(_lastId, ChatVoter, feedback, cancellationToken).WaitAsync(VoteWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Still on its way (a slow or locked database): it stays queued and is written when it can be.
                outcome = FeedbackOutcome.Queued;
            }

            var mark = feedback == Feedback.Up ? "👍" : "👎";
            var rated = $"\"{AnswerText.Shorten(TerminalText.Sanitise(_lastQuestion!), 80)}\"";
            return outcome switch
            {
                FeedbackOutcome.Stored => $"Noted {mark} for {rated}.",
                FeedbackOutcome.Queued => $"Your {mark} for {rated} will be stored shortly: the question log is busy (another program holds it locked).",
                _ => $"Your {mark} for {rated} could not be stored: the question log can't be written (see the warning).",
            };
        }
    }
}
