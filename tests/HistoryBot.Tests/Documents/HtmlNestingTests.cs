using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HistoryBot.Documents.Html;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Documents;

public sealed class HtmlNestingTests
{
    private static string Nested(int depth, bool closed = true)
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < depth; i++)
        {
            html.Append(CultureInfoInvariant($"<div>word{i} "));
        }

        if (closed)
        {
            html.Insert(html.Length, "</div>", depth);
        }

        return html.Append("</body></html>").ToString();
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static int DepthOf(INode node) => node.ChildNodes.Length == 0 ? 0 : 1 + node.ChildNodes.Max(DepthOf);

    private static IDocument Parse(byte[] html) => new HtmlParser().ParseDocument(new MemoryStream(html));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Limit_PageNestedDeeperThanTheLimit_IsFlattenedKeepingEveryWordInOrder(bool closed)
    {
        var html = Encoding.UTF8.GetBytes(Nested(2_000, closed));

        var limited = HtmlNesting.Limit(html, 100, out var flattened, CancellationToken.None);

        Assert.True(flattened >= 1_900, $"flattened {flattened}");
        var document = Parse(limited);
        Assert.InRange(DepthOf(document.DocumentElement), 100, 110);
        var words = document.Body!.TextContent.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => CultureInfoInvariant($"word{i}")), words);
    }

    [Fact]
    public void Limit_FlattenedBlocks_KeepTheirTextInParagraphsOfTheirOwn()
    {
        var html = Encoding.UTF8.GetBytes(Nested(300));

        var document = Parse(HtmlNesting.Limit(html, 100, out _, CancellationToken.None));

        var paragraphs = document.QuerySelectorAll("p").Select(p => p.TextContent.Trim()).ToList();
        Assert.Equal(Enumerable.Range(100, 200).Select(i => CultureInfoInvariant($"word{i}")), paragraphs);
    }

    [Fact]
    public void Limit_OrdinaryPages_AreLeftAlone()
    {
        var article = File.ReadAllBytes(Path.Combine(TestData.Folder, "documents", "canal-article.html"));
        var oldStyle = new StringBuilder("<html><body><table>");
        for (var i = 0; i < 1_000; i++)
        {
            // Unclosed paragraphs, list items, rows and cells close implicitly: they never nest.
            oldStyle.Append(CultureInfoInvariant($"<p>paragraph {i}<ul><li>item<li>item</ul><tr><td>cell<td>cell<option>one<option>two"));
        }

        var tricky = new StringBuilder("<html><body>");
        for (var i = 0; i < 1_000; i++)
        {
            // Tags inside scripts, styles, comments, titles and quoted attributes are no tags; self-closed and void elements open nothing.
            tricky.Append("<script>document.write('<div><div><div>');</script><style>/* <div> */</style><!-- <div><div> -->")
                .Append("<textarea><div></textarea><span title=\"<div>\" data-x='a>b<div>'>x</span><img src=x><br/><svg><path/></svg>");
        }

        foreach (var page in new[] { article, Encoding.UTF8.GetBytes(oldStyle.ToString()), Encoding.UTF8.GetBytes(tricky.ToString()) })
        {
            var limited = HtmlNesting.Limit(page, 100, out var flattened, CancellationToken.None);

            Assert.Equal(0, flattened);
            Assert.Same(page, limited);
        }
    }

    [Fact]
    public void Limit_Cancelled_Throws()
    {
        var html = Encoding.UTF8.GetBytes(Nested(100_000, closed: false));

        Assert.Throws<OperationCanceledException>(() => HtmlNesting.Limit(html, 256, out _, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Limit_Utf16PageWithByteOrderMark_IsFlattenedToo()
    {
        var html = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Nested(500))).ToArray();

        var document = Parse(HtmlNesting.Limit(html, 100, out var flattened, CancellationToken.None));

        Assert.True(flattened > 0);
        Assert.InRange(DepthOf(document.DocumentElement), 100, 110);
        Assert.Contains("word499", document.Body!.TextContent, StringComparison.Ordinal);
    }
}
