using Microsoft.Data.Sqlite;

namespace HistoryBot.QuestionLog.Tests.Support;

/// <summary>A fresh folder for one test's database, deleted on dispose, and raw SQL to look inside it.</summary>
public sealed class LogFolder : IDisposable
{
    public LogFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "historybot-log-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "questions.db");

    public QuestionLogOptions Options(Action<QuestionLogOptions>? change = null)
    {
        var options = new QuestionLogOptions { Path = DatabasePath, BusyTimeoutMilliseconds = 100 };
        change?.Invoke(options);
        return options;
    }

    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public T Scalar<T>(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<string?> Column(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string?>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0).ToString());
        }

        return values;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a failed test may still hold the file.
        }
    }
}
