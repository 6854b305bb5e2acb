using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace HistoryBot.QuestionLog;

/// <summary>
/// Reads the question log back (for `historybot log`): entries with their votes, summaries, and erasure. Opens an
/// existing database only; the writer is <see cref="SqliteQuestionLog"/>. Reading takes no write lock, so it works
/// while a bot is writing or another program holds the database locked; erasure and retention write, and wait for
/// the lock like any writer.
/// </summary>
public sealed class QuestionLogReader : IDisposable
{
    private readonly QuestionLogDatabase _database;

    private QuestionLogReader(QuestionLogDatabase database) => _database = database;

    /// <summary>Opens the database at <see cref="QuestionLogOptions.Path"/>, for reading only unless <paramref name="write"/>.</summary>
    /// <param name="write">Open it to erase or apply retention (<see cref="Purge"/>, <see cref="ApplyRetention"/>).</param>
    /// <exception cref="FileNotFoundException">There is no database there yet.</exception>
    /// <exception cref="SqliteException">The file is not a question log SQLite can open.</exception>
    public static QuestionLogReader Open(QuestionLogOptions options, bool write = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.Path))
        {
            throw new FileNotFoundException($"There is no question log at {options.Path}.", options.Path);
        }

        return new QuestionLogReader(write
            ? QuestionLogDatabase.Open(options.Path, options.BusyTimeoutMilliseconds, create: false)
            : QuestionLogDatabase.OpenReadOnly(options.Path, options.BusyTimeoutMilliseconds));
    }

    public IReadOnlyList<LoggedQuestion> Read(QuestionLogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var command = _database.Connection.CreateCommand();
        var sql = new StringBuilder(
            """
            SELECT e.id, e.time, e.source, e.question, e.resolved_question, e.answered, e.quote, e.document, e.section,
                   e.score, e.retrieval_mode, e.elapsed_ms, e.guild_id, e.channel_id, e.user_id,
                   COALESCE(SUM(f.value = 1), 0) AS up, COALESCE(SUM(f.value = -1), 0) AS down
            FROM entries e LEFT JOIN feedback f ON f.entry_id = e.id
            WHERE 1 = 1
            """);
        if (query.UnansweredOnly)
        {
            sql.Append(" AND e.answered = 0");
        }

        if (query.Since is { } since)
        {
            sql.Append(" AND e.time >= $since");
            command.Parameters.AddWithValue("$since", QuestionLogDatabase.FormatTime(since));
        }

        sql.Append(" GROUP BY e.id");
        sql.Append(query.Feedback switch
        {
            Feedback.Up => " HAVING up > down",
            Feedback.Down => " HAVING down > up",
            _ => string.Empty,
        });
        sql.Append(" ORDER BY e.time DESC, e.rowid DESC");
        if (query.Limit is { } limit)
        {
            sql.Append(" LIMIT $limit");
            command.Parameters.AddWithValue("$limit", limit);
        }

        command.CommandText = sql.ToString();
        var rows = new List<LoggedQuestion>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(ReadRow(reader));
            }
        }

        if (query.OldestFirst)
        {
            rows.Reverse();
        }

        return rows;
    }

    public QuestionLogSummary Summarise(DateTimeOffset? since, int topUnanswered = 10)
    {
        var sinceText = QuestionLogDatabase.FormatTime(since ?? DateTimeOffset.MinValue);
        var days = new List<QuestionLogDay>();
        using (var command = Command(
            "SELECT substr(time, 1, 10), COUNT(*), SUM(answered) FROM entries WHERE time >= $since GROUP BY 1 ORDER BY 1", sinceText))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                days.Add(new QuestionLogDay(
                    DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt32(1), reader.GetInt32(2)));
            }
        }

        int up, down;
        using (var command = Command(
            "SELECT COALESCE(SUM(f.value = 1), 0), COALESCE(SUM(f.value = -1), 0) FROM feedback f JOIN entries e ON e.id = f.entry_id WHERE e.time >= $since",
            sinceText))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            (up, down) = (reader.GetInt32(0), reader.GetInt32(1));
        }

        var top = new List<QuestionCount>();
        using (var command = Command(
            """
            SELECT lower(trim(COALESCE(resolved_question, question))) AS q, COUNT(*) AS n FROM entries
            WHERE answered = 0 AND time >= $since GROUP BY q ORDER BY n DESC, q LIMIT $top
            """,
            sinceText))
        {
            command.Parameters.AddWithValue("$top", topUnanswered);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                top.Add(new QuestionCount(reader.GetString(0), reader.GetInt32(1)));
            }
        }

        return new QuestionLogSummary(days.Sum(d => d.Questions), days.Sum(d => d.Answered), up, down, days, top);
    }

    /// <summary>Deletes everything, or only the entries and votes of one user; returns how many entries were deleted.</summary>
    public int Purge(string? userId) => _database.Purge(userId);

    /// <summary>Deletes entries older than <paramref name="days"/> days before <paramref name="now"/>.</summary>
    public int ApplyRetention(int days, DateTimeOffset now) => days <= 0 ? 0 : _database.DeleteOlderThan(now.AddDays(-days));

    public void Dispose() => _database.Dispose();

    private SqliteCommand Command(string sql, string since)
    {
        var command = _database.Connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$since", since);
        return command;
    }

    private static LoggedQuestion ReadRow(SqliteDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        ulong? Id(int i) => reader.IsDBNull(i) ? null : ulong.Parse(reader.GetString(i), CultureInfo.InvariantCulture);
        var entry = new QuestionLogEntry(
            QuestionLogDatabase.ParseTime(reader.GetString(1)),
            reader.GetString(2),
            reader.GetString(3),
            Text(4),
            reader.GetInt64(5) != 0,
            Text(6),
            Text(7),
            Text(8),
            reader.IsDBNull(9) ? null : reader.GetDouble(9),
            reader.GetString(10),
            reader.GetDouble(11),
            Id(12),
            Id(13),
            Id(14));
        return new LoggedQuestion(reader.GetString(0), entry, reader.GetInt32(15), reader.GetInt32(16));
    }
}
