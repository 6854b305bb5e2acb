using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace HistoryBot.QuestionLog;

/// <summary>
/// The SQLite file behind the question log: schema, writes, purges and the salted hash of user ids.
/// One instance is one open connection; it is not thread-safe.
/// </summary>
internal sealed class QuestionLogDatabase : IDisposable
{
    private const string Schema =
        """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS entries (
            id TEXT PRIMARY KEY,
            time TEXT NOT NULL,
            source TEXT NOT NULL,
            question TEXT NOT NULL,
            resolved_question TEXT,
            answered INTEGER NOT NULL,
            quote TEXT,
            document TEXT,
            section TEXT,
            score REAL,
            retrieval_mode TEXT NOT NULL,
            elapsed_ms REAL NOT NULL,
            guild_id TEXT,
            channel_id TEXT,
            user_id TEXT,
            user_key TEXT);
        CREATE INDEX IF NOT EXISTS entries_time ON entries (time);
        CREATE INDEX IF NOT EXISTS entries_user_key ON entries (user_key);
        CREATE TABLE IF NOT EXISTS feedback (
            entry_id TEXT NOT NULL,
            voter_key TEXT NOT NULL,
            voter_id TEXT,
            value INTEGER NOT NULL,
            time TEXT NOT NULL,
            PRIMARY KEY (entry_id, voter_key));
        """;

    private readonly SqliteConnection _connection;
    private byte[]? _salt;

    private QuestionLogDatabase(SqliteConnection connection, byte[]? salt)
    {
        _connection = connection;
        _salt = salt;
    }

    public SqliteConnection Connection => _connection;

    /// <summary>Opens (creating when asked) the database in WAL mode and makes sure the schema and the salt exist.</summary>
    public static QuestionLogDatabase Open(string path, int busyTimeoutMilliseconds, bool create)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (create && System.IO.Path.GetDirectoryName(fullPath) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return Connect(
            fullPath,
            create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            busyTimeoutMilliseconds,
            connection =>
            {
                Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
                Execute(connection, Schema);
                return new QuestionLogDatabase(connection, LoadOrCreateSalt(connection));
            });
    }

    /// <summary>
    /// Opens an existing database for reading only: nothing is written (no schema, no salt, no journal mode), so it
    /// reads while another connection holds the write lock (the log is in WAL mode, where readers never wait for the
    /// writer). A database locked by a program that does not use WAL is waited for <paramref name="busyTimeoutMilliseconds"/>.
    /// </summary>
    public static QuestionLogDatabase OpenReadOnly(string path, int busyTimeoutMilliseconds) =>
        Connect(System.IO.Path.GetFullPath(path), SqliteOpenMode.ReadOnly, busyTimeoutMilliseconds, connection => new QuestionLogDatabase(connection, salt: null));

    /// <summary>Opens a connection with the busy timeout set, then lets <paramref name="prepare"/> finish it; the connection is disposed if either fails.</summary>
    private static QuestionLogDatabase Connect(
        string fullPath, SqliteOpenMode mode, int busyTimeoutMilliseconds, Func<SqliteConnection, QuestionLogDatabase> prepare)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = mode,
            // Pooling would keep the file open after Dispose, which stops a test (or a user) from deleting it.
            Pooling = false,
            // Microsoft.Data.Sqlite retries a busy database for this many seconds on top of busy_timeout.
            DefaultTimeout = Math.Max(1, (busyTimeoutMilliseconds + 999) / 1000),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {busyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)};");
            return prepare(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The salted hash that stands for a user id (or voter key): the same id always gives the same key.</summary>
    public string KeyFor(string userId)
    {
        var hash = HMACSHA256.HashData(_salt ??= LoadOrCreateSalt(_connection), Encoding.UTF8.GetBytes(userId));
        return Convert.ToHexStringLower(hash);
    }

    public void Insert(SqliteTransaction transaction, string id, QuestionLogEntry entry, bool storeUserIds)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT OR IGNORE INTO entries (id, time, source, question, resolved_question, answered, quote, document, section,
                score, retrieval_mode, elapsed_ms, guild_id, channel_id, user_id, user_key)
            VALUES ($id, $time, $source, $question, $resolved, $answered, $quote, $document, $section,
                $score, $mode, $elapsed, $guild, $channel, $user, $userKey);
            """;
        var userId = entry.UserId?.ToString(CultureInfo.InvariantCulture);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$time", FormatTime(entry.Time));
        command.Parameters.AddWithValue("$source", entry.Source);
        command.Parameters.AddWithValue("$question", entry.Question);
        command.Parameters.AddWithValue("$resolved", (object?)entry.ResolvedQuestion ?? DBNull.Value);
        command.Parameters.AddWithValue("$answered", entry.Answered ? 1 : 0);
        command.Parameters.AddWithValue("$quote", (object?)entry.Quote ?? DBNull.Value);
        command.Parameters.AddWithValue("$document", (object?)entry.Document ?? DBNull.Value);
        command.Parameters.AddWithValue("$section", (object?)entry.Section ?? DBNull.Value);
        command.Parameters.AddWithValue("$score", (object?)entry.Score ?? DBNull.Value);
        command.Parameters.AddWithValue("$mode", entry.RetrievalMode);
        command.Parameters.AddWithValue("$elapsed", entry.ElapsedMs);
        command.Parameters.AddWithValue("$guild", (object?)entry.GuildId?.ToString(CultureInfo.InvariantCulture) ?? DBNull.Value);
        command.Parameters.AddWithValue("$channel", (object?)entry.ChannelId?.ToString(CultureInfo.InvariantCulture) ?? DBNull.Value);
        command.Parameters.AddWithValue("$user", storeUserIds && userId is not null ? userId : DBNull.Value);
        command.Parameters.AddWithValue("$userKey", userId is null ? DBNull.Value : KeyFor(userId));
        command.ExecuteNonQuery();
    }

    /// <summary>One vote per (entry, voter): a second vote replaces the first. False when the entry does not exist.</summary>
    public bool SetFeedback(SqliteTransaction transaction, string entryId, string voterKey, Feedback feedback, DateTimeOffset time, bool storeUserIds)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT INTO feedback (entry_id, voter_key, voter_id, value, time)
            SELECT $entry, $voterKey, $voterId, $value, $time WHERE EXISTS (SELECT 1 FROM entries WHERE id = $entry)
            ON CONFLICT (entry_id, voter_key) DO UPDATE SET value = excluded.value, time = excluded.time, voter_id = excluded.voter_id;
            """;
        command.Parameters.AddWithValue("$entry", entryId);
        command.Parameters.AddWithValue("$voterKey", KeyFor(voterKey));
        command.Parameters.AddWithValue("$voterId", storeUserIds ? voterKey : DBNull.Value);
        command.Parameters.AddWithValue("$value", feedback == Feedback.Up ? 1 : -1);
        command.Parameters.AddWithValue("$time", FormatTime(time));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Deletes entries asked before <paramref name="cutoff"/> and their votes; returns how many entries went.</summary>
    public int DeleteOlderThan(DateTimeOffset cutoff)
    {
        using var transaction = _connection.BeginTransaction();
        var deleted = Execute(_connection, "DELETE FROM entries WHERE time < $cutoff;", transaction, ("$cutoff", FormatTime(cutoff)));
        Execute(_connection, "DELETE FROM feedback WHERE entry_id NOT IN (SELECT id FROM entries);", transaction);
        transaction.Commit();
        return deleted;
    }

    /// <summary>
    /// Deletes everything, or (with a user id) that user's entries and votes; returns how many entries went. Erasure
    /// means the text is gone from the file too: secure_delete zeroes the freed pages, and the checkpoint moves them
    /// out of the write-ahead log into the database file.
    /// </summary>
    public int Purge(string? userId)
    {
        Execute(_connection, "PRAGMA secure_delete = ON;");
        int deleted = PurgeRows(userId);
        Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return deleted;
    }

    private int PurgeRows(string? userId)
    {
        using var transaction = _connection.BeginTransaction();
        int deleted;
        if (userId is null)
        {
            deleted = Execute(_connection, "DELETE FROM entries;", transaction);
            Execute(_connection, "DELETE FROM feedback;", transaction);
        }
        else
        {
            var key = KeyFor(userId);
            deleted = Execute(_connection, "DELETE FROM entries WHERE user_key = $key OR user_id = $id;", transaction, ("$key", key), ("$id", userId));
            Execute(_connection, "DELETE FROM feedback WHERE voter_key = $key OR entry_id NOT IN (SELECT id FROM entries);", transaction, ("$key", key));
        }

        transaction.Commit();
        return deleted;
    }

    /// <summary>Sortable UTC text, so that time comparisons in SQL are string comparisons.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public void Dispose() => _connection.Dispose();

    private static byte[] LoadOrCreateSalt(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO meta (key, value) VALUES ('user_salt', $salt); SELECT value FROM meta WHERE key = 'user_salt';";
        command.Parameters.AddWithValue("$salt", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        return Convert.FromHexString((string)command.ExecuteScalar()!);
    }

    private static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
