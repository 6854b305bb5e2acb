using HistoryBot.Core.Conversation;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Conversation;

public sealed class FollowUpResolverTests(SeedEngineFixture fixture) : IClassFixture<SeedEngineFixture>
{
    [Theory]
    [InlineData("When did Lenin die?", "Who became his successor?", "Who became Lenin's successor?")]
    [InlineData("What did Lenin think about labor unions?", "What about Trotsky?", "What did Trotsky think about labor unions?")]
    [InlineData("Who exiled Trotsky?", "When was he assassinated?", "When was Trotsky assassinated?")]
    [InlineData("When did Lenin die?", "And Trotsky?", "When did Trotsky die?")]
    [InlineData("When did Lenin die?", "Who exiled Trotsky?", "Who exiled Trotsky?")]
    [InlineData("Was Lenin a Bolshevik?", "When did he die?", "When did Lenin die?")]
    [InlineData("Did Stalin exile Trotsky?", "Who did he succeed?", "Who did Stalin succeed?")]
    [InlineData("What was the Russian Revolution?", "Who led it?", "Who led Russian Revolution?")]
    [InlineData("What was the Russian Revolution?", "What were its aims?", "What were Russian Revolution's aims?")]
    [InlineData("Who led the Committee of Public Safety?", "When did he die?", "When did he die?")]
    [InlineData("What did the Committee of Public Safety do?", "When was it dissolved?", "When was Committee of Public Safety dissolved?")]
    [InlineData("Who taught Epikles of Hermione?", "When did he die?", "When did Epikles of Hermione die?")]
    public void Resolve_FollowUp_BecomesStandalone(string first, string followUp, string expected)
    {
        var resolver = new FollowUpResolver();
        resolver.Remember(resolver.Resolve(first));

        Assert.Equal(expected, resolver.Resolve(followUp));
    }

    [Theory]
    [InlineData("The Committee of Public Safety was led by Robespierre during the Terror.", "When did Robespierre die?")]
    [InlineData("However, Robespierre led the Committee of Public Safety.", "When did Robespierre die?")]
    [InlineData("The Committee of Public Safety met daily.", "When did he die?")]
    public void Resolve_PersonalPronounAfterAQuestionOnAThing_StandsForThePersonTheAnswerNamed(string quote, string expected)
    {
        var resolver = new FollowUpResolver();
        var first = resolver.Resolve("Who led the Committee of Public Safety?");
        resolver.Remember(first);
        resolver.RememberAnswer(first, quote);

        Assert.Equal(expected, resolver.Resolve("When did he die?"));
    }

    [Fact]
    public void RememberAnswer_OfAnEarlierQuestion_IsIgnored()
    {
        var resolver = new FollowUpResolver();
        resolver.Remember("Who led the Committee of Public Safety?");
        resolver.Remember("Who founded the Jacobin Club?");
        resolver.RememberAnswer("Who led the Committee of Public Safety?", "It was led by Robespierre.");

        Assert.Equal("When did he die?", resolver.Resolve("When did he die?"));
    }

    [Fact]
    public void Remember_AShortFollowUpWithNoTopic_KeepsTheSubject()
    {
        var resolver = new FollowUpResolver();
        resolver.Remember("Who succeeded Lenin?");
        resolver.Remember(resolver.Resolve("Why?"));

        Assert.Equal("When did Lenin die?", resolver.Resolve("When did he die?"));
    }

    [Fact]
    public void RememberAnswer_AfterAQuestionOnAPerson_KeepsThePersonAsSubject()
    {
        var resolver = new FollowUpResolver();
        resolver.Remember("Who exiled Trotsky?");
        resolver.RememberAnswer("Who exiled Trotsky?", "Soon after, Stalin exiled Trotsky.");

        Assert.Equal("When was Trotsky assassinated?", resolver.Resolve("When was he assassinated?"));
    }

    [Fact]
    public void Resolve_NoPreviousTurn_LeavesQuestionAlone()
    {
        Assert.Equal("When did he die?", new FollowUpResolver().Resolve("When did he die?"));
    }

    [Theory]
    [InlineData("Who exiled Trotsky?", "When was he killed?", "1940")]
    [InlineData("Who succeeded Lenin?", "When did he die?", "1924")]
    [InlineData("What did Lenin think about labor unions?", "What about Trotsky?", "nothing to fear")]
    [InlineData("What did the Bolsheviks want?", "What about Mensheviks?", "larger")]
    public void FollowUpSet_AnsweredThroughTheEngine_QuotesTheAnswer(string first, string followUp, string expected)
    {
        // Given a conversation that asked the first question
        var resolver = new FollowUpResolver();
        var standalone = resolver.Resolve(first);
        fixture.Engine.Ask(standalone);
        resolver.Remember(standalone);

        // When the follow-up is asked
        var answer = fixture.Engine.Ask(resolver.Resolve(followUp));

        // Then
        Assert.Contains(expected, answer.Quote?.Text.Text ?? "(declined)", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what did lenin think about unions", "what about trotsky?", "what did Trotsky think about unions")]
    [InlineData("when did lenin die", "and trotsky?", "when did Trotsky die")]
    [InlineData("who exiled trotsky?", "when was he assassinated?", "when was Trotsky assassinated?")]
    public void Resolve_NamesTypedInLowerCase_AreRecognisedWithTheCorpus(string first, string followUp, string expected)
    {
        var resolver = new FollowUpResolver(fixture.Engine.IsName);
        resolver.Remember(resolver.Resolve(first));

        Assert.Equal(expected, resolver.Resolve(followUp));
    }

    [Fact]
    public void Resolve_LowerCaseFollowUpThroughTheEngine_QuotesTrotskyOnUnions()
    {
        var resolver = new FollowUpResolver(fixture.Engine.IsName);
        resolver.Remember(resolver.Resolve("what did lenin think about unions"));

        var answer = fixture.Engine.Ask(resolver.Resolve("what about trotsky?"));

        Assert.Contains("Trotsky believed that the government of a true workers' movement had nothing to fear from labor unions",
            answer.Quote?.Text.Text ?? "(declined)", StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AfterAQuestionThatNamesNoOne_NeverReachesBackToAnOlderQuestion()
    {
        // Given an older question with a name, then one without (no name lookup: the plain rules)
        var resolver = new FollowUpResolver();
        resolver.Remember("Who succeeded Lenin?");
        resolver.Remember("what did the unions want");

        // Then "What about Trotsky?" is not applied to the older question
        Assert.Equal("What about Trotsky?", resolver.Resolve("What about Trotsky?"));
        Assert.Equal("When did he die?", resolver.Resolve("When did he die?"));
    }

    [Fact]
    public void Resolve_PronounAfterAContractedQuestionWord_NeverBecomesAnEmptySubject()
    {
        // Given a question opening with a contraction ("What's ..."), whose capitalised first word is no name
        var resolver = new FollowUpResolver();
        resolver.Remember("What's the capital of France?");

        // Then "they" stands for the name the question has, never for nothing ("Why did  disagree?")
        Assert.Equal("Why did France disagree?", resolver.Resolve("Why did they disagree?"));
    }

    [Theory]
    [InlineData("thanks!")]
    [InlineData("hi")]
    [InlineData("Wie ist Trotzki gestorben?")]
    public void Remember_SmallTalkOrOtherLanguageBetween_KeepsTheLastQuestion(string between)
    {
        var resolver = new FollowUpResolver();
        resolver.Remember(resolver.Resolve("When did Lenin die?"));
        resolver.Remember(resolver.Resolve(between));

        Assert.Equal(between, resolver.Resolve(between));
        Assert.Equal("When did Trotsky die?", resolver.Resolve("What about Trotsky?"));
    }

    [Theory]
    [InlineData("trotsky", true)]
    [InlineData("lenin's", true)]
    [InlineData("unions", false)]
    [InlineData("government", false)]
    [InlineData("the", false)]
    [InlineData("xyzzy", false)]
    public void IsName_AWordTypedInLowerCase_IsANameWhenTheCorpusCapitalisesIt(string word, bool expected)
    {
        Assert.Equal(expected, fixture.Engine.IsName(word));
    }
}
