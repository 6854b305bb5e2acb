using HistoryBot.Core.Corpus;
using HistoryBot.Documents.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace HistoryBot.Documents;

/// <summary>
/// PDF files through PdfPig: text in reading order, lines joined into paragraphs, hyphenated words rejoined, repeated
/// page headers and footers and page numbers dropped; every paragraph keeps the page it starts on. Headings are lines
/// set in a bigger or bold font. Encrypted and image-only PDFs are skipped with the reason.
/// </summary>
public sealed class PdfDocumentReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    public string Version => "pdf-1";

    public DocumentReadResult Read(string id, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        PdfDocument pdf;
        try
        {
            pdf = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            return DocumentReadResult.Unreadable("it is encrypted (password-protected)");
        }
        catch (Exception e) when (e is PdfDocumentFormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return DocumentReadResult.Unreadable($"it is not a readable PDF ({e.Message})");
        }

        using (pdf)
        {
            var blocks = new List<PdfBlock>();
            foreach (var page in pdf.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                blocks.AddRange(PdfLayout.Blocks(page));
            }

            if (blocks.Count == 0)
            {
                return DocumentReadResult.Unreadable("it has no text layer (a scanned or image-only PDF: run it through OCR first)");
            }

            var paragraphs = PdfParagraphs.From(blocks, pdf.NumberOfPages);
            var builder = new CorpusDocumentBuilder(id);
            builder.Title(Title(pdf.Information.Title, paragraphs));
            foreach (var paragraph in paragraphs)
            {
                if (paragraph.IsHeading)
                {
                    builder.Heading(paragraph.Text);
                }
                else
                {
                    builder.Paragraph(paragraph.Text, paragraph.Page);
                }
            }

            return builder.HasParagraphs ? DocumentReadResult.Read(builder.Build()) : DocumentReadResult.Unreadable("it has no text");
        }
    }

    /// <summary>The document's title property, unless it is an office suite's placeholder; else the first page's largest heading.</summary>
    private static string? Title(string? property, IReadOnlyList<PdfParagraph> paragraphs)
    {
        if (!string.IsNullOrWhiteSpace(property) && !property.StartsWith("Microsoft Word - ", StringComparison.Ordinal)
            && !property.Equals("Untitled", StringComparison.OrdinalIgnoreCase))
        {
            return property;
        }

        var firstPage = paragraphs.Where(p => p.Page == paragraphs[0].Page).ToList();
        var biggest = firstPage.Where(p => p.IsHeading).OrderByDescending(p => p.FontSize).FirstOrDefault();
        return biggest is not null && firstPage.IndexOf(biggest) <= 2 ? biggest.Text : null;
    }
}
