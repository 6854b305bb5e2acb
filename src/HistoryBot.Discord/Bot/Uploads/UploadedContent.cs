using System.Text;
using HistoryBot.Core.Corpus;

namespace HistoryBot.Discord.Bot.Uploads;

/// <summary>A file that passed the checks: what the corpus's reader made of it.</summary>
internal sealed record CheckedDocument(string Title, int Sections, int Paragraphs);

/// <summary>
/// Decides whether downloaded bytes are a document the corpus reads, by extension and by content, before anything is
/// written: the bytes must look like their format (text without NUL bytes, "%PDF-", a zip for DOCX and EPUB), and the
/// corpus's own reader must read them (an encrypted PDF, a corrupt DOCX or a binary file named .md is refused here, with
/// the reader's reason).
/// </summary>
internal static class UploadedContent
{
    private static readonly string[] TextExtensions = [".txt", ".md", ".markdown", ".html", ".htm", ".xhtml"];
    private static readonly string[] ZipExtensions = [".docx", ".epub"];

    public static CheckedDocument? Check(string fileName, byte[] content, DocumentReaders readers, CancellationToken cancellationToken, out string? problem)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!readers.CanRead(fileName))
        {
            problem = $"“{extension}” files are not documents I can read (I read {string.Join(", ", readers.Extensions)})";
            return null;
        }

        problem = Sniff(extension, content);
        if (problem is not null)
        {
            return null;
        }

        var result = readers.Read(fileName, content, cancellationToken);
        if (result.Document is not { } document)
        {
            problem = result.SkipReason ?? "it could not be read";
            return null;
        }

        var paragraphs = document.Blocks.Count(b => b.Kind == BlockKind.Paragraph);
        if (paragraphs == 0)
        {
            problem = "it holds no text to quote";
            return null;
        }

        problem = null;
        return new CheckedDocument(document.Title, document.Blocks.Count(b => b.Kind == BlockKind.Heading), paragraphs);
    }

    private static string? Sniff(string extension, byte[] content)
    {
        if (content.Length == 0)
        {
            return "it is empty";
        }

        if (TextExtensions.Contains(extension))
        {
            return content.AsSpan().Contains((byte)0) ? $"it is binary data, not the text a “{extension}” file holds" : null;
        }

        if (extension == ".pdf")
        {
            return content.AsSpan().StartsWith("%PDF-"u8) ? null : "it is not a PDF (no “%PDF-” header)";
        }

        if (ZipExtensions.Contains(extension))
        {
            return content.AsSpan().StartsWith("PK\u0003\u0004"u8) ? null : $"it is not a “{extension}” file (not a zip archive)";
        }

        // A format added later is left to its reader.
        return null;
    }

    /// <summary>The SHA-256 of the bytes, as the index manifest writes it.</summary>
    public static string Hash(byte[] content) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content));

    /// <summary>A short, safe rendering of the attachment's own name for messages.</summary>
    public static string Shown(string? name) =>
        string.IsNullOrEmpty(name) ? "(no name)" : new string([.. name.Take(80).Select(c => char.IsControl(c) ? '?' : c)]).Normalize(NormalizationForm.FormC);
}
