using HistoryBot.Core.Corpus;
using HistoryBot.Documents;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Documents;

public sealed class EpubDocumentReaderTests
{
    private static DocumentReadResult Read(byte[] epub) => new EpubDocumentReader().Read("book.epub", epub, CancellationToken.None);

    [Fact]
    public void Read_Chapters_InSpineOrderWithChapterTitlesAsSections()
    {
        var epub = DocumentMaker.Epub(
            "Voyages of Discovery",
            ("one.xhtml", "<h1>Chapter One: Da Gama</h1><p>Vasco da Gama reached Calicut in 1498.</p>"),
            ("two.xhtml", "<h1>Chapter Two: Magellan</h1><p>Magellan's fleet left Seville in 1519.</p><h2>The Strait</h2><p>The strait took his name.</p>"));

        var document = Assert.IsType<CorpusDocument>(Read(epub).Document);

        Assert.Equal("Voyages of Discovery", document.Title);
        Assert.Equal(
            ["Chapter One: Da Gama", "Chapter Two: Magellan", "The Strait"],
            document.Blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text));
        Assert.True(
            document.Text.IndexOf("Calicut", StringComparison.Ordinal) < document.Text.IndexOf("Seville", StringComparison.Ordinal));
        Assert.DoesNotContain("Contents page text", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorruptZip_IsUnreadable()
    {
        var result = Read("PK\u0003\u0004 not a zip at all"u8.ToArray());

        Assert.Null(result.Document);
        Assert.Contains("corrupt zip", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZipWithoutContainer_IsUnreadable()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("readme.txt");
        }

        var result = Read(stream.ToArray());

        Assert.Contains("no META-INF/container.xml", result.SkipReason, StringComparison.Ordinal);
    }
}
