using System.Text;
using HistoryBot.Core.Corpus;

namespace HistoryBot.Tests.Corpus;

public sealed class MarkdownReaderTests
{
    private static CorpusDocument Read(string markdown) =>
        new MarkdownReader().Read("notes/bio.md", Encoding.UTF8.GetBytes(markdown), CancellationToken.None).Document!;

    [Fact]
    public void Read_Markdown_UsesHashHeadingAsTitleAndSubheadingsAsSections()
    {
        var document = Read("# The Title\n\nIntro text here.\n\n## Early life\nBorn in a town.\n");

        Assert.Equal("The Title", document.Title);
        Assert.Contains(document.Blocks, b => b.Kind == BlockKind.Heading && b.Text == "Early life");
        Assert.Contains(document.Blocks, b => b.Kind == BlockKind.Paragraph && b.Text == "Born in a town.");
    }

    [Fact]
    public void Read_InlineMarkup_IsRemovedFromTheQuotedText()
    {
        var document = Read("Setext Title\n============\n\nThe **Tsar's** army lost at [Tannenberg](https://example.org) in `1914`.\n\n- First item\n- Second *item*\n");

        Assert.Equal("Setext Title", document.Title);
        Assert.Equal(
            ["The Tsar's army lost at Tannenberg in 1914.", "First item", "Second item"],
            document.Blocks.Where(b => b.Kind == BlockKind.Paragraph).Select(b => b.Text));
    }

    [Fact]
    public void Read_HashInsideCodeFence_IsNotAHeading()
    {
        var document = Read("# Title\n\nText.\n\n```\n# not a heading\n```\n");

        Assert.DoesNotContain(document.Blocks, b => b.Kind == BlockKind.Heading);
    }

    [Fact]
    public void Read_OnlyAHeading_IsUnreadable()
    {
        var result = new MarkdownReader().Read("a.md", "# Just a title\n"u8.ToArray(), CancellationToken.None);

        Assert.Equal("it has no text", result.SkipReason);
    }
}
