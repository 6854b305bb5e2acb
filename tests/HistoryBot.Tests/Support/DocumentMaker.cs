using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using PdfPageSize = UglyToad.PdfPig.Content.PageSize;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace HistoryBot.Tests.Support;

/// <summary>Makes small PDF, DOCX and EPUB files in memory for the reader tests.</summary>
public static class DocumentMaker
{
    /// <summary>A line of a PDF page: its text, font size, and its distance from the page's top in points.</summary>
    public sealed record PdfLine(string Text, double FromTop, double Size = 11, double Left = 72);

    /// <summary>A PDF (A4, Helvetica) with the given lines on each page.</summary>
    public static byte[] Pdf(params IReadOnlyList<PdfLine>[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PdfPageSize.A4);
            foreach (var line in lines)
            {
                page.AddText(line.Text, line.Size, new PdfPoint(line.Left, page.PageSize.Height - line.FromTop), font);
            }
        }

        return builder.Build();
    }

    /// <summary>A PDF whose only page has a drawn rectangle and no text, as a scanned page has none.</summary>
    public static byte[] PdfWithoutText()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PdfPageSize.A4);
        page.DrawRectangle(new PdfPoint(100, 100), 200, 300);
        return builder.Build();
    }

    /// <summary>A .docx whose paragraphs are (style id, text); a null style is body text.</summary>
    public static byte[] Docx(string? titleProperty, params (string? Style, string Text)[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            foreach (var (style, text) in paragraphs)
            {
                var paragraph = new Paragraph();
                if (style is not null)
                {
                    paragraph.ParagraphProperties = new ParagraphProperties(new ParagraphStyleId { Val = style });
                }

                // Two runs, to check that a paragraph's runs are joined without a gap.
                var cut = text.Length / 2;
                paragraph.Append(new Run(new WordText(text[..cut]) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
                paragraph.Append(new Run(new WordText(text[cut..]) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
                body.Append(paragraph);
            }

            main.Document = new Document(body);
            if (titleProperty is not null)
            {
                word.PackageProperties.Title = titleProperty;
            }
        }

        return stream.ToArray();
    }

    /// <summary>An EPUB 3 with a title and chapters (file name, XHTML body), listed in the spine in the given order.</summary>
    public static byte[] Epub(string title, params (string File, string Body)[] chapters)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "mimetype", "application/epub+zip");
            Add(zip, "META-INF/container.xml", """
                <?xml version="1.0"?>
                <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
                </container>
                """);
            var manifest = new StringBuilder("<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>");
            var spine = new StringBuilder("<itemref idref=\"nav\"/>");
            for (var i = 0; i < chapters.Length; i++)
            {
                manifest.Append($"<item id=\"c{i}\" href=\"text/{chapters[i].File}\" media-type=\"application/xhtml+xml\"/>");
                spine.Append($"<itemref idref=\"c{i}\"/>");
                Add(zip, "OEBPS/text/" + chapters[i].File, $"""
                    <?xml version="1.0" encoding="utf-8"?>
                    <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter</title></head>
                    <body>{chapters[i].Body}</body></html>
                    """);
            }

            Add(zip, "OEBPS/nav.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><nav><ol><li>Contents page text</li></ol></nav></body></html>");
            Add(zip, "OEBPS/content.opf", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
                  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><dc:identifier id="id">test</dc:identifier></metadata>
                  <manifest>{manifest}</manifest>
                  <spine>{spine}</spine>
                </package>
                """);
        }

        return stream.ToArray();
    }

    private static void Add(ZipArchive zip, string path, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
