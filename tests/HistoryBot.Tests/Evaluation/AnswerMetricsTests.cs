using HistoryBot.Core.Evaluation;

namespace HistoryBot.Tests.Evaluation;

public sealed class AnswerMetricsTests
{
    [Fact]
    public void Normalise_PunctuatedText_KeepsRunsOfLettersAndDigits()
    {
        Assert.Equal("lenin s death in 1924", AnswerMetrics.Normalise("Lenin's death, in 1924!"));
    }

    [Theory]
    [InlineData("He died in 1924.", "1924", true)]
    [InlineData("He died in 19245.", "1924", false)]
    [InlineData("The Bolshevik faction", "bolshevik", true)]
    [InlineData("The Bolsheviks", "bolshevik", false)]
    public void AnswerInQuote_PartOfAWord_DoesNotCount(string quote, string answer, bool expected)
    {
        Assert.Equal(expected, AnswerMetrics.AnswerInQuote(quote, [answer]));
    }

    [Fact]
    public void AnswerInQuote_AnswerAfter300Characters_DoesNotCount()
    {
        var quote = new string('x', 299) + " 1924";

        Assert.False(AnswerMetrics.AnswerInQuote(quote, ["1924"]));
    }

    [Fact]
    public void EvidenceInQuote_SixtyPercentOfTheTokens_Counts()
    {
        const string evidence = "one two three four five";

        Assert.True(AnswerMetrics.EvidenceInQuote("one two three", [evidence]));
        Assert.False(AnswerMetrics.EvidenceInQuote("one two", [evidence]));
    }

    [Fact]
    public void EvidenceInPassages_InTheFourthPassage_DoesNotCount()
    {
        string[] passages = ["a", "b", "c", "The evidence sentence is here."];

        Assert.False(AnswerMetrics.EvidenceInPassages(passages, ["the evidence sentence"]));
        Assert.True(AnswerMetrics.EvidenceInPassages(passages.Reverse(), ["the evidence sentence"]));
    }
}
