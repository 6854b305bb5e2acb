using HistoryBot.Core.Text;

namespace HistoryBot.Tests.Text;

public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("Trotsky Vs. Stalin was a long feud. It ended in 1940.", 2)]
    [InlineData("Mr. Smith met Dr. Jones at St. Petersburg. They talked.", 2)]
    [InlineData("He moved to the U.S. in 1920 and stayed there. Then he left.", 2)]
    [InlineData("Some leaders, e.g. Lenin, disagreed. Others did not.", 2)]
    [InlineData("J. R. R. Tolkien wrote books. He was English.", 2)]
    [InlineData("The rate was 3.14 percent in 1917. It rose later.", 2)]
    [InlineData("He said \"Stop.\" Then he left.", 2)]
    [InlineData("\"Is it over?\" he asked. Nobody answered.", 2)]
    [InlineData("Franklin D. Roosevelt was president. He died in 1945.", 2)]
    [InlineData("Wait... What happened? Nobody knows!", 3)]
    [InlineData("Troops, arms, etc. were sent. The war went on.", 2)]
    [InlineData("No final punctuation here", 1)]
    public void Split_AbbreviationsInitialsDecimalsAndQuotes_CountsSentences(string text, int expected)
    {
        // When
        var sentences = SentenceSplitter.SplitToStrings(text);

        // Then
        Assert.Equal(expected, sentences.Count);
    }

    [Fact]
    public void Split_QuotedSentence_KeepsClosingQuoteWithItsSentence()
    {
        var sentences = SentenceSplitter.SplitToStrings("He said \"Stop.\" Then he left.");

        Assert.Equal(["He said \"Stop.\"", "Then he left."], sentences);
    }

    [Fact]
    public void Split_AbbreviationInsideSentence_DoesNotSplitThere()
    {
        var sentences = SentenceSplitter.SplitToStrings("Mr. Smith met Dr. Jones at St. Petersburg. They talked.");

        Assert.Equal("Mr. Smith met Dr. Jones at St. Petersburg.", sentences[0]);
    }

    [Fact]
    public void Split_Offsets_PointIntoTheSourceText()
    {
        // Given
        const string text = "  First one.  Second one follows.\n";

        // When
        var spans = SentenceSplitter.Split(text);

        // Then
        Assert.Equal("First one.", text.Substring(spans[0].Start, spans[0].Length));
        Assert.Equal("Second one follows.", text.Substring(spans[1].Start, spans[1].Length));
    }

    [Fact]
    public void Split_SubRange_ReturnsOffsetsRelativeToWholeText()
    {
        const string text = "Heading\n\nBody one. Body two.";
        var start = text.IndexOf("Body", StringComparison.Ordinal);

        var spans = SentenceSplitter.Split(text, start, text.Length - start);

        Assert.Equal(2, spans.Count);
        Assert.Equal(start, spans[0].Start);
        Assert.Equal("Body two.", spans[1].Slice(text));
    }

    [Fact]
    public void Split_SeedArticle_NeverSplitsInsideTrotskyVsStalin()
    {
        var sentences = SentenceSplitter.SplitToStrings("Despite their differences, they worked together. Trotsky Vs. Stalin is a heading.");

        Assert.Contains(sentences, s => s.Contains("Trotsky Vs. Stalin", StringComparison.Ordinal));
    }

    [Fact]
    public void Split_EmptyOrBlank_ReturnsNothing()
    {
        Assert.Empty(SentenceSplitter.Split(""));
        Assert.Empty(SentenceSplitter.Split("   \n  "));
    }
}
