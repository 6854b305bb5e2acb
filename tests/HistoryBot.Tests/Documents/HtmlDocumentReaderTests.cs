using System.Text;
using HistoryBot.Core.Corpus;
using HistoryBot.Documents;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Documents;

public sealed class HtmlDocumentReaderTests
{
    /// <summary>Phrases of the test page's furniture: none may reach the extracted text.</summary>
    public static readonly string[] BoilerplatePhrases =
    [
        "We use cookies", "Accept all cookies", "Medieval Europe", "luxury river cruises", "Share on Facebook",
        "weekly newsletter", "How the Panama Canal Changed World Trade", "Privacy Policy", "vintage maps",
        "Share it with your friends", "Past Times Magazine", "tracking pixel",
    ];

    private static CorpusDocument ReadFixture()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestData.Folder, "documents", "canal-article.html"));
        var result = new HtmlDocumentReader().Read("canal-article.html", bytes, CancellationToken.None);
        return Assert.IsType<CorpusDocument>(result.Document);
    }

    [Fact]
    public void Read_ArticleInsideASite_KeepsTheArticleWithoutThePageFurniture()
    {
        var document = ReadFixture();

        Assert.Contains("yet the state legislature approved seven million dollars", document.Text, StringComparison.Ordinal);
        Assert.Contains("poured a keg of Lake Erie water into the Atlantic Ocean", document.Text, StringComparison.Ordinal);
        foreach (var phrase in BoilerplatePhrases)
        {
            Assert.DoesNotContain(phrase, document.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Read_ArticleInsideASite_TakesTheHeadlineAsTitleAndSubheadingsAsSections()
    {
        var document = ReadFixture();

        Assert.Equal("The Building of the Erie Canal", document.Title);
        var headings = document.Blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text).ToList();
        Assert.Equal(["Digging the Ditch", "Opening and Legacy"], headings);
    }

    [Fact]
    public void Read_ShortPageWithoutArticle_KeepsItsTextAndDropsTheScript()
    {
        const string html = "<html><head><title>Notes - My Site</title><script>var x = 'hidden code';</script></head>"
            + "<body><h2>Dates</h2><p>The Bastille fell in 1789.</p></body></html>";

        var result = new HtmlDocumentReader().Read("notes.html", Encoding.UTF8.GetBytes(html), CancellationToken.None);

        var document = Assert.IsType<CorpusDocument>(result.Document);
        Assert.Equal("Notes", document.Title);
        Assert.Contains(document.Blocks, b => b.Kind == BlockKind.Paragraph && b.Text == "The Bastille fell in 1789.");
        Assert.DoesNotContain("hidden code", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PageWithNoText_IsUnreadable()
    {
        var result = new HtmlDocumentReader().Read("empty.html", Encoding.UTF8.GetBytes("<html><body><script>1</script></body></html>"), CancellationToken.None);

        Assert.Null(result.Document);
        Assert.Equal("it has no text", result.SkipReason);
    }

    [Theory]
    [InlineData("The Building of the Erie Canal | Past Times Magazine", "Past Times Magazine", "The Building of the Erie Canal")]
    [InlineData("Past Times - The Building of the Erie Canal", "Past Times", "The Building of the Erie Canal")]
    [InlineData("The Building of the Erie Canal - Past Times", null, "The Building of the Erie Canal")]
    [InlineData("A Title Without A Site", null, "A Title Without A Site")]
    public void WithoutSiteName_TitleWithSiteName_KeepsTheArticlePart(string title, string? site, string expected)
    {
        Assert.Equal(expected, HistoryBot.Documents.Html.HtmlTitle.WithoutSiteName(title, site));
    }
}
