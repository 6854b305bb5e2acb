using System.IO.Compression;
using System.Text;
using HistoryBot.Core.Corpus;
using HistoryBot.Documents;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Documents;

/// <summary>
/// Issue 21, audit 1: zip-based documents whose entries inflate far beyond their size (zip bombs) are skipped with one
/// reason naming the limit, checked while inflating (never trusting the sizes the zip declares).
/// </summary>
public sealed class ZipBombTests
{
    /// <summary>About 4 MB of valid, very repetitive XML paragraphs: it deflates more than 200:1.</summary>
    private static string RepetitiveParagraphs(Func<int, string> paragraph) =>
        string.Concat(Enumerable.Range(0, 60_000).Select(paragraph));

    private static byte[] DocxWithDocumentXml(string bodyXml)
    {
        var docx = DocumentMaker.Docx(null, (null, "A small, honest paragraph."));
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("word/document.xml")!;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
            writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
            writer.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
            writer.Write(bodyXml);
            writer.Write("</w:body></w:document>");
        }

        return stream.ToArray();
    }

    [Fact]
    public void Docx_DocumentXmlThatInflatesLikeABomb_IsSkippedNamingTheLimit()
    {
        var bomb = DocxWithDocumentXml(RepetitiveParagraphs(_ => "<w:p><w:r><w:t>junk junk junk.</w:t></w:r></w:p>"));

        var result = new DocxDocumentReader().Read("bomb.docx", bomb, CancellationToken.None);

        Assert.Null(result.Document);
        Assert.Contains("word/document.xml", result.SkipReason, StringComparison.Ordinal);
        Assert.Contains("Index:Limits:", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Epub_ChapterThatInflatesLikeABomb_IsSkippedNamingTheLimit()
    {
        var bomb = DocumentMaker.Epub("Bomb", ("one.xhtml", RepetitiveParagraphs(_ => "<p>junk junk junk.</p>")));

        var result = new EpubDocumentReader().Read("bomb.epub", bomb, CancellationToken.None);

        Assert.Null(result.Document);
        Assert.Contains("one.xhtml", result.SkipReason, StringComparison.Ordinal);
        Assert.Contains("Index:Limits:", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_EntryOverTheSizeLimit_IsSkippedEvenWhenItCompressesPoorly()
    {
        var random = new Random(7);
        var varied = DocxWithDocumentXml(RepetitiveParagraphs(i => $"<w:p><w:r><w:t>{random.NextInt64():x16} {i}.</w:t></w:r></w:p>"));
        var reader = new DocxDocumentReader(new DocumentLimits { MaxEntryMegabytes = 1 });

        var result = reader.Read("big.docx", varied, CancellationToken.None);

        Assert.Null(result.Document);
        Assert.Contains("Index:Limits:MaxEntryMegabytes", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_OrdinaryDocument_IsStillRead()
    {
        var docx = DocumentMaker.Docx(null, (null, "Vasco da Gama reached Calicut in 1498."));

        var result = new DocxDocumentReader().Read("voyage.docx", docx, CancellationToken.None);

        Assert.Contains("Calicut", Assert.IsType<CorpusDocument>(result.Document).Text, StringComparison.Ordinal);
    }
}
