using HistoryBot.Core.Retrieval;

namespace HistoryBot.Tests.Retrieval;

public sealed class QuestionClipTests
{
    [Fact]
    public void Clip_WithinTheLimit_LeavesTheQuestionAlone()
    {
        Assert.Equal(("Who led?", false), QuestionAnalyzer.Clip("Who led?", 8));
    }

    [Fact]
    public void Clip_OverTheLimit_CutsToIt()
    {
        Assert.Equal(("Who l", true), QuestionAnalyzer.Clip("Who led?", 5));
    }

    [Fact]
    public void Clip_LimitInsideASurrogatePair_CutsBeforeThePair()
    {
        var (text, clipped) = QuestionAnalyzer.Clip("ab\U0001F600cd", 3);

        Assert.Equal("ab", text);
        Assert.True(clipped);
    }
}
