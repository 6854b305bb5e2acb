using System.Text.Json;
using HistoryBot.Tests.Support;
using static HistoryBot.Tests.Support.DocumentMaker;

namespace HistoryBot.Tests.Documents;

/// <summary>A corpus of every format, plus unreadable files, through the real command line.</summary>
public sealed class FormatsEndToEndTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Corpus => _cli.Temp.Combine("corpus");

    private void WriteBytes(string name, byte[] bytes)
    {
        Directory.CreateDirectory(Corpus);
        File.WriteAllBytes(Path.Combine(Corpus, name), bytes);
    }

    private void WriteEveryFormat()
    {
        WriteBytes("canal-article.html", File.ReadAllBytes(Path.Combine(TestData.Folder, "documents", "canal-article.html")));
        WriteBytes("printing.pdf", File.ReadAllBytes(Path.Combine(TestData.Folder, "documents", "office-export.pdf")));
        WriteBytes("hanse.docx", Docx(null, ("Title", "The Hanseatic League"), ("Heading1", "Lübeck"), (null, "Lübeck was the league's leading city for three centuries.")));
        WriteBytes("voyages.epub", Epub("Voyages", ("one.xhtml", "<h1>Da Gama</h1><p>Vasco da Gama reached Calicut in 1498.</p>")));
    }

    private CliRunner.Result Run(params string[] args) => _cli.Run([.. args, "--corpus", Corpus, "--retrieval", "lexical"]);

    [Theory]
    [InlineData("\"We use cookies\"")]
    [InlineData("\"weekly newsletter\"")]
    [InlineData("\"Related Articles\"")]
    [InlineData("\"Privacy Policy\"")]
    [InlineData("\"luxury river cruises\"")]
    [InlineData("\"Share on Facebook\"")]
    [InlineData("\"Panama Canal\"")]
    [InlineData("\"vintage maps\"")]
    [InlineData("\"Medieval Europe\"")]
    [InlineData("\"Printing Press Notes\"")]
    public void Search_Boilerplate_FindsNothing(string phrase)
    {
        WriteEveryFormat();

        var result = Run("search", phrase);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("No passages match", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Clinton's Ditch\"", "canal-article.html")]
    [InlineData("\"Westminster in 1476\"", "printing.pdf")]
    [InlineData("\"leading city for three centuries\"", "hanse.docx")]
    [InlineData("Calicut", "voyages.epub")]
    public void Search_ArticleText_FindsItInItsDocument(string query, string document)
    {
        WriteEveryFormat();

        var result = Run("search", query);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(document, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AskJson_QuoteFromPdf_NamesItsPage()
    {
        WriteEveryFormat();

        var result = Run("ask", "--json", "Where did William Caxton set up the first press in England?");

        using var json = JsonDocument.Parse(result.Out);
        var answer = json.RootElement.GetProperty("answer");
        Assert.Equal("printing.pdf", answer.GetProperty("document").GetString());
        Assert.Equal(2, answer.GetProperty("page").GetInt32());
        Assert.Contains("Westminster", answer.GetProperty("quote").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_QuoteFromPdf_SourceSaysThePage()
    {
        WriteEveryFormat();

        var result = Run("ask", "Where did William Caxton set up the first press in England?");

        Assert.Contains("printing.pdf, section “Spread across Europe”, p. 2", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AskJson_QuoteFromText_HasNullPage()
    {
        var result = _cli.Run("ask", "--json", "--retrieval", "lexical", "When did Lenin die?");

        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("answer").GetProperty("page").ValueKind);
    }

    [Fact]
    public void Index_UnreadableFiles_AreSkippedWithOneWarningEachAndTheRestIsIndexed()
    {
        WriteEveryFormat();
        WriteBytes("empty.pdf", []);
        WriteBytes("locked.pdf", File.ReadAllBytes(Path.Combine(TestData.Folder, "documents", "encrypted.pdf")));
        WriteBytes("scan.pdf", PdfWithoutText());
        WriteBytes("broken.epub", "PK\u0003\u0004 broken"u8.ToArray());
        WriteBytes("broken.docx", "PK\u0003\u0004 broken"u8.ToArray());

        var result = Run("index");

        Assert.Equal(0, result.ExitCode);
        var warnings = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(warnings, w => w.Contains("empty.pdf: it is empty", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Contains("locked.pdf: it is encrypted", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Contains("scan.pdf: it has no text layer", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Contains("broken.epub: it is not a readable EPUB", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Contains("broken.docx: it is not a readable .docx", StringComparison.Ordinal));
        Assert.Contains("Westminster", Run("search", "Westminster").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_FolderOfOnlyPdfs_Works()
    {
        WriteBytes("printing.pdf", File.ReadAllBytes(Path.Combine(TestData.Folder, "documents", "office-export.pdf")));

        var result = Run("index");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Index_EpubChanged_UpdatesItAndKeepsThePdfsPassageIds()
    {
        WriteEveryFormat();
        Run("index");
        var before = HitIds(Run("search", "--json", "press").Out);

        WriteBytes("voyages.epub", Epub("Voyages", ("one.xhtml", "<h1>Da Gama</h1><p>Vasco da Gama reached Calicut in May 1498.</p>")));
        var update = Run("index", "--update");

        Assert.Equal(0, update.ExitCode);
        Assert.NotEmpty(before);
        Assert.Equal(before, HitIds(Run("search", "--json", "press").Out));
        Assert.Contains("May 1498", Run("search", "Calicut").Out, StringComparison.Ordinal);
    }

    private static List<string> HitIds(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
}
