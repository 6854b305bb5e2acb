using System.ComponentModel.DataAnnotations;

namespace HistoryBot.QuestionLog;

/// <summary>The <c>Log</c> configuration section.</summary>
public sealed class QuestionLogOptions
{
    public const string SectionName = "Log";

    public const string DefaultPath = ".historybot/questions.db";

    /// <summary>The SQLite database file (its folder is created).</summary>
    [Required]
    public string Path { get; set; } = DefaultPath;

    /// <summary>Whether chat and discord log their answers (ask, eval and bench log only with --log).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Store user ids as given; when false (the default) only a salted hash is kept.</summary>
    public bool StoreUserIds { get; set; }

    /// <summary>Entries older than this many days are deleted; 0 keeps them forever.</summary>
    [Range(0, 36500)]
    public int RetentionDays { get; set; }

    /// <summary>
    /// How long one write attempt waits for a database another process has locked (SQLite's busy timeout). The entries
    /// are not lost then: the writer keeps them and tries again, with back-off, until the lock goes.
    /// </summary>
    [Range(0, 60000)]
    public int BusyTimeoutMilliseconds { get; set; } = 2000;

    /// <summary>
    /// At shutdown, how long to wait for a database another program still holds locked; the entries and votes still
    /// queued then go to a spool file beside the database and are written at the next start.
    /// </summary>
    [Range(0, 3600)]
    public int ShutdownWaitSeconds { get; set; } = 10;

    /// <summary>Entries waiting to be written; past this, new entries are dropped (with a warning) rather than wait.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;
}
