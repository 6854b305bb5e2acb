using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using HistoryBot.QuestionLog;
using Microsoft.Data.Sqlite;

namespace HistoryBot.Cli.Commands;

/// <summary>
/// `historybot log`: what people asked and how it went, from the question log. A table of recent entries, or
/// `--json` lines, `--summary`, `--eval` (👍 answers as an eval set), `--purge` (erasure).
/// </summary>
public sealed partial class LogCommand(ConsoleIO io, EngineFactory engines)
{
    private const int DefaultTableRows = 20;

    private readonly QuestionLogging _logging = new(engines, "log");

    public Command Build()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per entry and line (for scripts)." };
        var unanswered = new Option<bool>("--unanswered") { Description = "Only the questions the bot declined." };
        var feedback = new Option<string?>("--feedback") { Description = "Only the answers rated up (👍) or down (👎)." };
        feedback.AcceptOnlyFromAmong("up", "down");
        var since = new Option<string?>("--since")
        {
            Description = "Only entries since a date (2026-11-01, 2026-11-01T18:00Z; UTC) or for a duration back from now (30m, 24h, 7d, 2w).",
        };
        var limit = new Option<int?>("--limit") { Description = $"At most N entries, the newest (default {DefaultTableRows} for the table, all otherwise)." };
        var summary = new Option<bool>("--summary") { Description = "Questions per day, share answered, 👍/👎 counts, most frequent unanswered questions." };
        var eval = new Option<bool>("--eval") { Description = "Write the 👍 answers as an eval set (JSON Lines) for `historybot eval`." };
        var purge = new Option<bool>("--purge") { Description = "Delete every entry (with --user, only that user's entries and votes)." };
        var user = new Option<string?>("--user") { Description = "With --purge: the user id (e.g. a Discord user id) whose entries to delete." };
        var command = new Command("log", "Show the question log: what was asked, what was answered, how answers were rated.")
        {
            json, unanswered, feedback, since, limit, summary, eval, purge, user, _logging.LogPath,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var modes = new[] { json, summary, eval, purge }.Where(o => parseResult.GetValue(o)).Select(o => o.Name).ToList();
            if (modes.Count > 1)
            {
                throw new UsageException($"{string.Join(" and ", modes)} cannot be combined: choose one.");
            }

            var userId = parseResult.GetValue(user);
            var options = _logging.Options(parseResult);
            if (parseResult.GetValue(purge))
            {
                if (parseResult.GetValue(unanswered) || parseResult.GetValue(feedback) is not null || parseResult.GetValue(since) is not null
                    || parseResult.GetValue(limit) is not null)
                {
                    throw new UsageException("--purge takes no filters: it deletes everything, or with --user one user's entries.");
                }

                return await PurgeAsync(options, userId);
            }

            if (userId is not null)
            {
                throw new UsageException("--user goes with --purge (the log keeps no user ids to filter by unless Log:StoreUserIds is true).");
            }

            var query = new QuestionLogQuery(
                parseResult.GetValue(unanswered),
                parseResult.GetValue(feedback) switch { "up" => Feedback.Up, "down" => Feedback.Down, _ => null },
                ParseSince(parseResult.GetValue(since), DateTimeOffset.UtcNow),
                CheckLimit(parseResult.GetValue(limit)));
            ApplyRetention(options);
            using var reader = OpenReader(options);
            var output = modes.FirstOrDefault() switch
            {
                "--json" => LogOutput.Json(reader.Read(query with { OldestFirst = true })),
                "--summary" => LogOutput.Summary(reader.Summarise(query.Since), options.Path, query.Since),
                "--eval" => LogOutput.EvalSet(reader.Read(query with { Feedback = Feedback.Up, OldestFirst = true })),
                _ => LogOutput.Table(reader.Read(query with { Limit = query.Limit ?? DefaultTableRows, OldestFirst = true })),
            };
            await io.Out.WriteAsync(output);
            await io.Out.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A date (UTC unless it says otherwise) or a duration back from <paramref name="now"/>.</summary>
    internal static DateTimeOffset? ParseSince(string? text, DateTimeOffset now)
    {
        if (text is null)
        {
            return null;
        }

        var duration = DurationPattern().Match(text.Trim());
        if (duration.Success)
        {
            var amount = int.Parse(duration.Groups[1].Value, CultureInfo.InvariantCulture);
            var span = duration.Groups[2].Value switch
            {
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7.0 * amount),
            };
            return now - span;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        throw new UsageException($"--since: '{text}' is neither a date (2026-11-01, 2026-11-01T18:00Z) nor a duration (30m, 24h, 7d, 2w).");
    }

    private static int? CheckLimit(int? limit) =>
        limit is <= 0 ? throw new UsageException($"--limit must be at least 1 (got {limit}).") : limit;

    /// <summary>
    /// Deletes entries past Log:RetentionDays before they are shown. A database another program holds locked is left
    /// as it is (the entries are then shown; the bot's own writer applies retention too): reading must not wait for it.
    /// </summary>
    private static void ApplyRetention(QuestionLogOptions options)
    {
        if (options.RetentionDays <= 0 || !File.Exists(options.Path))
        {
            return;
        }

        try
        {
            using var writer = QuestionLogReader.Open(options, write: true);
            writer.ApplyRetention(options.RetentionDays, DateTimeOffset.UtcNow);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 or 8)
        {
            // Busy, locked or read-only: the reader below still reads.
        }
    }

    private static QuestionLogReader OpenReader(QuestionLogOptions options, bool write = false)
    {
        try
        {
            return QuestionLogReader.Open(options, write);
        }
        catch (FileNotFoundException)
        {
            throw new UsageException(
                $"there is no question log at {options.Path} yet: chat and discord write one as they answer (ask, eval and bench with --log). " +
                "Set Log:Path (HISTORYBOT_Log__Path) or --log-path if it is elsewhere.");
        }
        catch (SqliteException e)
        {
            throw new UsageException($"cannot read the question log {options.Path}: {e.Message}");
        }
    }

    private async Task<int> PurgeAsync(QuestionLogOptions options, string? userId)
    {
        if (!File.Exists(options.Path))
        {
            await io.Out.WriteLineAsync($"No question log at {options.Path}: nothing to delete.");
            return ExitCodes.Success;
        }

        if (userId is not null && string.IsNullOrWhiteSpace(userId))
        {
            throw new UsageException("--user needs a user id.");
        }

        using var reader = OpenReader(options, write: true);
        var deleted = reader.Purge(userId?.Trim());
        await io.Out.WriteLineAsync(userId is null
            ? $"Deleted all {deleted} entries and their ratings from {options.Path}."
            : $"Deleted {deleted} entries of user {userId.Trim()} and their ratings from {options.Path}.");
        return ExitCodes.Success;
    }

    [GeneratedRegex("^([0-9]{1,6})([mhdw])$")]
    private static partial Regex DurationPattern();
}
