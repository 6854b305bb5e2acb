using HistoryBot.Core.Answering;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Answering;

public sealed class DeclineReasonTests(SeedEngineFixture fixture) : IClassFixture<SeedEngineFixture>
{
    [Theory]
    [InlineData("hi", DeclineReason.SmallTalk)]
    [InlineData("thanks!", DeclineReason.SmallTalk)]
    [InlineData("Who are you?", DeclineReason.SmallTalk)]
    [InlineData("Qui a succédé à Lénine ?", DeclineReason.Language)]
    [InlineData("Wie ist Trotzki gestorben?", DeclineReason.Language)]
    [InlineData("How do I reset my router?", DeclineReason.NotFound)]
    [InlineData("?!", DeclineReason.Empty)]
    [InlineData("What is it?", DeclineReason.Empty)]
    public void Ask_MessageThatIsNotAnswered_SaysWhy(string message, DeclineReason reason)
    {
        var answer = fixture.Engine.Ask(message);

        Assert.False(answer.Answered);
        Assert.Null(answer.Quote);
        Assert.Equal(reason, answer.Reason);
        Assert.Equal(message, answer.Question);
    }

    [Fact]
    public void Ask_Answered_HasNoReason()
    {
        var answer = fixture.Engine.Ask("When did Lenin die?");

        Assert.True(answer.Answered);
        Assert.Null(answer.Reason);
    }

    [Fact]
    public void Ask_GreetingBeforeAQuestion_AnswersTheQuestion()
    {
        var answer = fixture.Engine.Ask("Hi, when did Lenin die?");

        Assert.True(answer.Answered);
        Assert.Contains("1924", answer.Quote!.Text.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(
        "I am writing an essay for school and I was wondering, what was the main disagreement between Lenin and Trotsky about how the party should be organized?",
        "what was the main disagreement between Lenin and Trotsky about how the party should be organized?")]
    [InlineData("Can you tell me who had Trotsky murdered?", "Who had Trotsky murdered?")]
    [InlineData("I'd like to know, why did Lenin and Trotsky disagree about unions? Thanks!", "Why did Lenin and Trotsky disagree about unions?")]
    public void Ask_ChattyQuestion_QuotesWhatItsShortFormQuotes(string chatty, string shortForm)
    {
        var expected = fixture.Engine.Ask(shortForm);

        var answer = fixture.Engine.Ask(chatty);

        Assert.True(expected.Answered);
        Assert.True(answer.Answered);
        Assert.Equal(expected.Quote!.Text.Text, answer.Quote!.Text.Text);
        Assert.Equal(chatty, answer.Question);
    }

    [Fact]
    public void Ask_SmallTalk_TheWordingNamesTheCorpusAndHowToAsk()
    {
        var engine = fixture.Engine;
        var answer = engine.Ask("hello!");

        var text = DeclineWording.For(answer, engine.Stats.Documents, engine.DocumentTitles);

        Assert.Contains(engine.DocumentTitles[0], text, StringComparison.Ordinal);
        Assert.Contains(DeclineWording.HowToAsk, text, StringComparison.Ordinal);
        Assert.StartsWith("Hello!", text, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Language_NamesTheLanguage()
    {
        var answer = fixture.Engine.Ask("Wie ist Trotzki gestorben?");

        var text = DeclineWording.For(answer, 1, ["Lenin and Trotsky"]);

        Assert.Contains("English", text, StringComparison.Ordinal);
        Assert.Contains("German", text, StringComparison.Ordinal);
    }
}
