using HistoryBot.Core.Corpus;
using HistoryBot.Documents;
using HistoryBot.Tests.Support;
using static HistoryBot.Tests.Support.DocumentMaker;

namespace HistoryBot.Tests.Documents;

public sealed class PdfDocumentReaderTests
{
    private static DocumentReadResult Read(byte[] pdf) => new PdfDocumentReader().Read("book.pdf", pdf, CancellationToken.None);

    /// <summary>Two pages with a running header, a page number, a heading, a hyphenated word and a paragraph across the break.</summary>
    private static byte[] TwoPageBook() => Pdf(
        [
            new PdfLine("A History of Canals", 40, 9),
            new PdfLine("The Age of Canals", 100, 20),
            new PdfLine("The canal builders of the eighteenth century worked with picks and", 150),
            new PdfLine("shovels. Their greatest work was the Bridgewater Canal, which was finished", 164),
            new PdfLine("in 1761 and carried coal to the growing city of Man-", 178),
            new PdfLine("chester at half the former price, and the boats kept", 192),
            new PdfLine("1", 800, 9),
        ],
        [
            new PdfLine("A History of Canals", 40, 9),
            new PdfLine("moving by night and by day for many years after that.", 100),
            new PdfLine("Railways", 140, 16),
            new PdfLine("The railways took most of the trade from the canals after 1840.", 180),
            new PdfLine("2", 800, 9),
        ]);

    [Fact]
    public void Read_TwoPageBook_DropsRunningHeaderAndPageNumbers()
    {
        var document = Assert.IsType<CorpusDocument>(Read(TwoPageBook()).Document);

        Assert.DoesNotContain("A History of Canals", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(document.Blocks, b => b.Text is "1" or "2");
    }

    [Fact]
    public void Read_TwoPageBook_JoinsLinesRejoinsHyphenatedWordsAndCarriesParagraphsAcrossPages()
    {
        var document = Assert.IsType<CorpusDocument>(Read(TwoPageBook()).Document);

        var first = document.Blocks.First(b => b.Kind == BlockKind.Paragraph);
        Assert.Equal(
            "The canal builders of the eighteenth century worked with picks and shovels. Their greatest work was the Bridgewater Canal, which was finished in 1761 and carried coal to the growing city of Manchester at half the former price, and the boats kept moving by night and by day for many years after that.",
            first.Text);
        Assert.Equal(1, first.Page);
    }

    [Fact]
    public void Read_TwoPageBook_BigLinesAreTitleAndSectionsAndParagraphsKeepTheirPage()
    {
        var document = Assert.IsType<CorpusDocument>(Read(TwoPageBook()).Document);

        Assert.Equal("The Age of Canals", document.Title);
        var railways = document.Blocks.Single(b => b.Kind == BlockKind.Heading);
        Assert.Equal("Railways", railways.Text);
        var last = document.Blocks[^1];
        Assert.StartsWith("The railways took most", last.Text, StringComparison.Ordinal);
        Assert.Equal(2, last.Page);
    }

    [Fact]
    public void Read_PageWithoutText_IsUnreadableAsImageOnly()
    {
        var result = Read(PdfWithoutText());

        Assert.Null(result.Document);
        Assert.Contains("no text layer", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EncryptedPdf_IsUnreadableAsEncrypted()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestData.Folder, "documents", "encrypted.pdf"));

        var result = Read(bytes);

        Assert.Null(result.Document);
        Assert.Contains("encrypted", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAPdf_IsUnreadable()
    {
        var result = Read("%PDF-1.4 this is not really a pdf"u8.ToArray());

        Assert.Null(result.Document);
        Assert.NotNull(result.SkipReason);
    }

    [Fact]
    public void Read_OfficeSuiteExport_FindsHeadingsParagraphsAndPages()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestData.Folder, "documents", "office-export.pdf"));

        var document = Assert.IsType<CorpusDocument>(Read(bytes).Document);

        Assert.Equal("The Printing Press", document.Title);
        Assert.Contains(document.Blocks, b => b.Kind == BlockKind.Heading && b.Text == "Spread across Europe");
        Assert.Contains(document.Blocks, b => b.Kind == BlockKind.Paragraph && b.Page == 2);
        Assert.Contains("Johannes Gutenberg", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Printing Press Notes", document.Text, StringComparison.Ordinal);
    }
}
