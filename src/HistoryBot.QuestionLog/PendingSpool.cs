using System.Text.Json;
using System.Text.Json.Serialization;

namespace HistoryBot.QuestionLog;

/// <summary>
/// Where the question log keeps what it could not write before shutting down (the database locked by another program
/// for longer than <see cref="QuestionLogOptions.ShutdownWaitSeconds"/>): a JSON Lines file beside the database,
/// <c>&lt;database&gt;.pending</c>, read back and written at the next start. Without it, a lock held across a shutdown
/// lost every question still queued.
/// </summary>
internal static class PendingSpool
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string PathFor(string databasePath) => databasePath + ".pending";

    /// <summary>
    /// Writes <paramref name="items"/> to the spool, replacing what it held (the items read from it at start are among
    /// them when they could not be written either). Written to a temporary file and renamed, so a crash leaves the old
    /// spool or the new one, never half of one.
    /// </summary>
    public static void Save(string databasePath, IEnumerable<PendingItem> items)
    {
        var path = PathFor(databasePath);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var writer = new StreamWriter(temporary, append: false))
        {
            foreach (var item in items)
            {
                writer.WriteLine(JsonSerializer.Serialize(item, Json));
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Takes the spool for this process (renamed first, so two programs starting on one log never both import it) and
    /// returns what it held with the claimed file's path, to be deleted once written; null when there is none.
    /// </summary>
    public static (List<PendingItem> Items, string ClaimedPath)? Take(string databasePath)
    {
        var path = PathFor(databasePath);
        if (!File.Exists(path))
        {
            return null;
        }

        var claimed = $"{path}.{Environment.ProcessId}.importing";
        try
        {
            File.Move(path, claimed, overwrite: true);
        }
        catch (FileNotFoundException)
        {
            return null; // Another program took it first.
        }

        var items = new List<PendingItem>();
        foreach (var line in File.ReadLines(claimed))
        {
            if (line.Length > 0 && JsonSerializer.Deserialize<PendingItem>(line, Json) is { } item)
            {
                items.Add(item);
            }
        }

        return (items, claimed);
    }
}

/// <summary>One question or vote in the spool: <see cref="Entry"/> for a question, else a vote.</summary>
internal sealed record PendingItem(
    string Id,
    QuestionLogEntry? Entry = null,
    string? VoterKey = null,
    Feedback? Feedback = null,
    DateTimeOffset? Time = null);
