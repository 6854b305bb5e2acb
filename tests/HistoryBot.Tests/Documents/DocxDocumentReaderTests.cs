using HistoryBot.Core.Corpus;
using HistoryBot.Documents;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Documents;

public sealed class DocxDocumentReaderTests
{
    private static DocumentReadResult Read(byte[] docx) => new DocxDocumentReader().Read("report.docx", docx, CancellationToken.None);

    [Fact]
    public void Read_HeadingStyles_BecomeSectionsAndTitleStyleTheTitle()
    {
        var docx = DocumentMaker.Docx(
            null,
            ("Title", "The Hanseatic League"),
            (null, "The Hanse was a league of merchant towns around the Baltic Sea."),
            ("Heading1", "Lübeck"),
            (null, "Lübeck was the league's leading city for three centuries."),
            ("Heading2", "Trade goods"),
            (null, "Its ships carried salt, herring, furs and grain."));

        var document = Assert.IsType<CorpusDocument>(Read(docx).Document);

        Assert.Equal("The Hanseatic League", document.Title);
        Assert.Equal(["Lübeck", "Trade goods"], document.Blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text));
        Assert.Contains(document.Blocks, b => b.Kind == BlockKind.Paragraph && b.Text == "Its ships carried salt, herring, furs and grain.");
    }

    [Fact]
    public void Read_NoTitleStyle_UsesTheTitleProperty()
    {
        var docx = DocumentMaker.Docx("Baltic Trade", (null, "Herring was the silver of the sea."));

        var document = Assert.IsType<CorpusDocument>(Read(docx).Document);

        Assert.Equal("Baltic Trade", document.Title);
        Assert.Equal("Herring was the silver of the sea.", document.Blocks.Single(b => b.Kind == BlockKind.Paragraph).Text);
    }

    [Fact]
    public void Read_CorruptZip_IsUnreadable()
    {
        var result = Read([0x50, 0x4B, 0x03, 0x04, 0x01, 0x02, 0x03]);

        Assert.Null(result.Document);
        Assert.Contains("not a readable .docx", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CompoundFile_IsUnreadableAsEncrypted()
    {
        var result = Read([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);

        Assert.Null(result.Document);
        Assert.Contains("encrypted", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoParagraphText_IsUnreadable()
    {
        var result = Read(DocumentMaker.Docx(null, ("Heading1", "Only a heading")));

        Assert.Equal("it has no text", result.SkipReason);
    }
}
