using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HistoryBot.QuestionLog;

/// <summary>
/// The <c>uploads</c> table of the question-log database. Uploads are rare, so each call opens the database, does its
/// one statement and closes it again, one call at a time; the answers' writer keeps its own connection (WAL mode lets
/// both work side by side).
/// </summary>
public sealed class SqliteUploadLog(QuestionLogOptions options) : IUploadLog
{
    private const string Schema =
        """
        CREATE TABLE IF NOT EXISTS uploads (
            guild_id TEXT NOT NULL,
            document TEXT NOT NULL,
            original_name TEXT NOT NULL,
            title TEXT,
            bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            user_id TEXT NOT NULL,
            user_name TEXT,
            time TEXT NOT NULL,
            PRIMARY KEY (guild_id, document));
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task RecordAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return RunAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText =
                    """
                    INSERT OR REPLACE INTO uploads (guild_id, document, original_name, title, bytes, sha256, user_id, user_name, time)
                    VALUES ($guild, $document, $name, $title, $bytes, $sha, $user, $userName, $time);
                    """;
                command.Parameters.AddWithValue("$guild", Id(upload.GuildId));
                command.Parameters.AddWithValue("$document", upload.Document);
                command.Parameters.AddWithValue("$name", upload.OriginalName);
                command.Parameters.AddWithValue("$title", (object?)upload.Title ?? DBNull.Value);
                command.Parameters.AddWithValue("$bytes", upload.Bytes);
                command.Parameters.AddWithValue("$sha", upload.Sha256);
                command.Parameters.AddWithValue("$user", Id(upload.UserId));
                command.Parameters.AddWithValue("$userName", (object?)upload.UserName ?? DBNull.Value);
                command.Parameters.AddWithValue("$time", QuestionLogDatabase.FormatTime(upload.Time));
                command.ExecuteNonQuery();
                return 0;
            },
            cancellationToken);
    }

    public Task RemoveAsync(ulong guildId, string document, CancellationToken cancellationToken) =>
        RunAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM uploads WHERE guild_id = $guild AND document = $document;";
                command.Parameters.AddWithValue("$guild", Id(guildId));
                command.Parameters.AddWithValue("$document", document);
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    public Task<IReadOnlyList<UploadRecord>> ListAsync(ulong guildId, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<UploadRecord>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText =
                    """
                    SELECT document, original_name, title, bytes, sha256, user_id, user_name, time
                    FROM uploads WHERE guild_id = $guild ORDER BY time, document;
                    """;
                command.Parameters.AddWithValue("$guild", Id(guildId));
                using var reader = command.ExecuteReader();
                var uploads = new List<UploadRecord>();
                while (reader.Read())
                {
                    uploads.Add(new UploadRecord(
                        guildId,
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.GetInt64(3),
                        reader.GetString(4),
                        ulong.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        QuestionLogDatabase.ParseTime(reader.GetString(7))));
                }

                return uploads;
            },
            cancellationToken);

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(
                () =>
                {
                    using var database = QuestionLogDatabase.Open(options.Path, options.BusyTimeoutMilliseconds, create: true);
                    using (var command = database.Connection.CreateCommand())
                    {
                        command.CommandText = Schema;
                        command.ExecuteNonQuery();
                    }

                    return work(database.Connection);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
