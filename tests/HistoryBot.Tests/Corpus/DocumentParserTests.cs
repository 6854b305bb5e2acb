using HistoryBot.Core.Corpus;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Corpus;

public sealed class DocumentParserTests
{
    [Fact]
    public void Parse_SeedArticle_FindsTheFourSectionHeadings()
    {
        // When
        var document = DocumentParser.Parse("lenin-and-trotsky.txt", TestData.SeedText);

        // Then
        var headings = document.Blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text).ToList();
        Assert.Equal(
            ["Bolsheviks and Mensheviks", "Permanent Revolution or State Socialism", "Unions Among the Soviets", "Trotsky Vs. Stalin"],
            headings);
    }

    [Fact]
    public void Parse_PlainTextWithoutTitleLine_TakesTitleFromFileName()
    {
        var document = DocumentParser.Parse("lenin-and-trotsky.txt", "Lenin and Trotsky led the revolution of 1917.\n\nThey later quarrelled.\n");

        Assert.Equal("Lenin and trotsky", document.Title);
    }

    [Fact]
    public void Parse_ShippedSeedArticle_HasItsTitleLine()
    {
        var document = DocumentParser.Parse("lenin-and-trotsky.txt", TestData.SeedText);

        Assert.Equal("Lenin and Trotsky", document.Title);
    }

    [Fact]
    public void Parse_PlainTextWithTitleLine_UsesFirstLineAsTitle()
    {
        var document = DocumentParser.Parse("geology.txt", "Geology\n\nRocks are old. Very old.\n");

        Assert.Equal("Geology", document.Title);
        Assert.Equal(BlockKind.Title, document.Blocks[0].Kind);
        Assert.Equal(BlockKind.Paragraph, document.Blocks[1].Kind);
    }

    [Theory]
    [InlineData("Trotsky Vs. Stalin", true)]
    [InlineData("Related Articles", true)]
    [InlineData("This is a sentence.", false)]
    [InlineData("Is this a question?", false)]
    [InlineData("A line that is much too long to be a heading because it keeps going and going with many many words in it", false)]
    public void LooksLikeHeading_ShortLineWithoutFinalPunctuation_IsHeading(string line, bool expected)
    {
        Assert.Equal(expected, DocumentParser.LooksLikeHeading(line));
    }

    [Fact]
    public void Parse_BlockOffsets_PointIntoTheText()
    {
        const string text = "Title\r\n\r\nFirst paragraph.\r\nStill first.\r\n\r\nSecond.";

        var document = DocumentParser.Parse("a.txt", text);

        foreach (var block in document.Blocks)
        {
            Assert.Equal(block.Kind == BlockKind.Paragraph ? block.Text : text.Substring(block.Start, block.Length).Trim(), text.Substring(block.Start, block.Length));
        }
    }
}
