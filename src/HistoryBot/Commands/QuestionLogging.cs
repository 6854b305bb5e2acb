using System.CommandLine;
using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.QuestionLog;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Cli.Commands;

/// <summary>
/// The question-log options a command takes (<c>--log</c>, <c>--log-path</c>) and the step from an <see cref="Answer"/>
/// to a log entry. One instance per command: System.CommandLine options belong to one command each.
/// </summary>
internal sealed class QuestionLogging(EngineFactory engines, string source)
{
    public Option<bool> Log { get; } = new("--log")
    {
        Description = "Record each answer in the question log (Log:Path; see `historybot log`).",
    };

    public Option<string?> LogPath { get; } = new("--log-path")
    {
        Description = "The question log database (default: Log:Path, .historybot/questions.db).",
    };

    /// <summary>The <c>Log</c> section, with --log-path (when given) choosing the file; validated.</summary>
    public QuestionLogOptions Options(ParseResult parseResult)
    {
        var options = AppConfiguration.Bind(engines.Configuration, QuestionLogOptions.SectionName, new QuestionLogOptions());
        if (parseResult.GetValue(LogPath) is { } path)
        {
            options.Path = string.IsNullOrWhiteSpace(path) ? throw new UsageException("--log-path needs a file name.") : path;
        }

        return options;
    }

    /// <summary>
    /// The log for this run: for chat (on by default) when Log:Enabled, for ask/eval/bench only with --log. A log that
    /// can't be opened is found out by its writer, which warns and lets answers go on.
    /// </summary>
    public IQuestionLog Open(ParseResult parseResult, ILoggerFactory loggers, bool onByDefault)
    {
        var options = Options(parseResult);
        var enabled = parseResult.GetValue(Log) || (onByDefault && options.Enabled);
        return enabled ? new SqliteQuestionLog(options, loggers.CreateLogger<SqliteQuestionLog>()) : NullQuestionLog.Instance;
    }

    /// <summary>Records an answer; returns the entry id.</summary>
    public string Record(IQuestionLog log, Answer answer, RetrievalMode mode, string? typed = null) =>
        log.Record(ToEntry(source, answer, mode, typed));

    /// <summary>The log entry for an answer. <paramref name="typed"/> is what the person typed when the answered
    /// question is a follow-up resolved from it.</summary>
    public static QuestionLogEntry ToEntry(string source, Answer answer, RetrievalMode mode, string? typed = null)
    {
        var followUp = typed is not null && typed != answer.Question;
        return new QuestionLogEntry(
            DateTimeOffset.UtcNow - answer.Elapsed,
            source,
            followUp ? typed! : answer.Question,
            followUp ? answer.Question : null,
            answer.Answered,
            answer.Quote?.Text.Text,
            answer.Quote?.DocumentId,
            answer.Quote?.Section,
            answer.Quote?.Score,
            mode.ToString().ToLowerInvariant(),
            answer.Elapsed.TotalMilliseconds);
    }

    /// <summary>An answer service that records every answer it gives (for eval, whose questions the evaluator asks).</summary>
    internal sealed class LoggingAnswerService(IAnswerService inner, IQuestionLog log, string source, RetrievalMode mode) : IAnswerService
    {
        public IndexStats Stats => inner.Stats;

        public IReadOnlyList<string> DocumentTitles => inner.DocumentTitles;

        public Answer Ask(string question, CancellationToken cancellationToken = default)
        {
            var answer = inner.Ask(question, cancellationToken);
            log.Record(ToEntry(source, answer, mode));
            return answer;
        }

        public SearchResult Search(string query, int limit = 10, CancellationToken cancellationToken = default) =>
            inner.Search(query, limit, cancellationToken);
    }
}
