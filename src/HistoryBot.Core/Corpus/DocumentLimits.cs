using System.ComponentModel.DataAnnotations;

namespace HistoryBot.Core.Corpus;

/// <summary>
/// Limits on what one document may cost to read (Index:Limits:*): a zip bomb or a generated monster file is skipped with
/// one warning naming the limit, and the rest of the corpus is indexed. The zip limits are checked while inflating,
/// never trusting the sizes a zip declares.
/// </summary>
public sealed class DocumentLimits
{
    /// <summary>Largest inflated size of one entry of a zip-based document (.docx, .epub), in MB.</summary>
    [Range(1, 4096)]
    public int MaxEntryMegabytes { get; set; } = 64;

    /// <summary>Largest inflated size of all the entries of one zip-based document together, in MB.</summary>
    [Range(1, 16384)]
    public int MaxInflatedMegabytes { get; set; } = 256;

    /// <summary>
    /// Largest ratio of inflated to compressed size of an entry once it passes 1 MB: Word and EPUB XML deflates about
    /// 5–20:1, the audit's bombs 275–1,000:1.
    /// </summary>
    [Range(2, 100_000)]
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Most passages one document may give; a document with more is skipped (generated junk, a bomb).</summary>
    [Range(1, int.MaxValue)]
    public int MaxPassagesPerDocument { get; set; } = 100_000;

    /// <summary>Largest web page (.html, .htm, .xhtml) read, in MB: parsing and extracting an article is slow beyond it.</summary>
    [Range(1, 4096)]
    public int MaxHtmlMegabytes { get; set; } = 16;
}
