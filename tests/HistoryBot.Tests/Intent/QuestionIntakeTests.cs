using HistoryBot.Core.Answering;
using HistoryBot.Core.Intent;

namespace HistoryBot.Tests.Intent;

public sealed class QuestionIntakeTests
{
    [Theory]
    [InlineData("???")]
    [InlineData("  ")]
    [InlineData("…!")]
    public void Read_NoWords_IsEmpty(string message)
    {
        Assert.Equal(DeclineReason.Empty, QuestionIntake.Read(message).Decline);
    }

    [Fact]
    public void Read_GreetingThenAboutTheBot_IsSmallTalk()
    {
        var intake = QuestionIntake.Read("Hi there, who are you?");

        Assert.Equal(DeclineReason.SmallTalk, intake.Decline);
        Assert.Equal(SmallTalkKind.About, intake.SmallTalk);
    }

    [Fact]
    public void Read_French_IsLanguageNamingFrench()
    {
        var intake = QuestionIntake.Read("Qui a succédé à Lénine ?");

        Assert.Equal(DeclineReason.Language, intake.Decline);
        Assert.Equal("French", intake.Language);
    }

    [Fact]
    public void Read_GreetingAndQuestion_IsTheQuestionWithoutTheGreeting()
    {
        var intake = QuestionIntake.Read("Hello! When did Lenin die?");

        Assert.True(intake.IsQuestion);
        Assert.Equal("When did Lenin die?", intake.Question);
    }
}
