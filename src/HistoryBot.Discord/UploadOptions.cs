using System.ComponentModel.DataAnnotations;

namespace HistoryBot.Discord;

/// <summary>
/// Section <c>Discord:Uploads</c>: the <c>/corpus</c> command, through which a server's managers add documents that
/// answer in their server only.
/// </summary>
public sealed class UploadOptions
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>Registers and answers <c>/corpus</c>; off, the command is not registered.</summary>
    public bool Enabled { get; set; }

    /// <summary>The largest file accepted, by its declared size and by the bytes actually downloaded.</summary>
    [Range(1L, 1L << 40, ErrorMessage = "Discord:Uploads:{0} must be a number of bytes of at least 1.")]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>The most documents one server may upload.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Discord:Uploads:{0} must be a whole number in [1, 1000000].")]
    public int MaxDocumentsPerGuild { get; set; } = 100;

    /// <summary>The most bytes one server's uploads may take together.</summary>
    [Range(1L, 1L << 50, ErrorMessage = "Discord:Uploads:{0} must be a number of bytes of at least 1.")]
    public long MaxBytesPerGuild { get; set; } = 200L * 1024 * 1024;

    /// <summary>How long an upload waits for the living corpus to index it before the reply says it is still being indexed.</summary>
    [Range(1d, 3_600d, ErrorMessage = "Discord:Uploads:{0} must be a number of seconds in [1, 3600].")]
    public double IndexTimeoutSeconds { get; set; } = 25;
}
