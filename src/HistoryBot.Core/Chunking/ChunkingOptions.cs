using System.ComponentModel.DataAnnotations;

namespace HistoryBot.Core.Chunking;

public sealed class ChunkingOptions
{
    /// <summary>Paragraphs longer than this many characters are split at sentence boundaries.</summary>
    [Range(200, 100_000)]
    public int MaxPassageChars { get; set; } = 1200;
}
