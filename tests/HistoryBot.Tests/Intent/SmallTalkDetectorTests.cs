using HistoryBot.Core.Answering;
using HistoryBot.Core.Intent;

namespace HistoryBot.Tests.Intent;

public sealed class SmallTalkDetectorTests
{
    [Theory]
    [InlineData("hi", SmallTalkKind.Greeting)]
    [InlineData("Hello there!", SmallTalkKind.Greeting)]
    [InlineData("hey bot 👋", SmallTalkKind.Greeting)]
    [InlineData("Good morning", SmallTalkKind.Greeting)]
    [InlineData("how are you?", SmallTalkKind.Greeting)]
    [InlineData("thanks!", SmallTalkKind.Thanks)]
    [InlineData("Thank you so much", SmallTalkKind.Thanks)]
    [InlineData("Merci beaucoup", SmallTalkKind.Thanks)]
    [InlineData("danke schön!", SmallTalkKind.Thanks)]
    [InlineData("Muchas gracias", SmallTalkKind.Thanks)]
    [InlineData("Bonjour", SmallTalkKind.Greeting)]
    [InlineData("au revoir", SmallTalkKind.Farewell)]
    [InlineData("ok thanks for the help", SmallTalkKind.Thanks)]
    [InlineData("bye", SmallTalkKind.Farewell)]
    [InlineData("ok thanks, bye!", SmallTalkKind.Farewell)]
    [InlineData("cool", SmallTalkKind.Acknowledgement)]
    [InlineData("I see", SmallTalkKind.Acknowledgement)]
    [InlineData("that's great", SmallTalkKind.Acknowledgement)]
    [InlineData("who are you?", SmallTalkKind.About)]
    [InlineData("What can you do?", SmallTalkKind.About)]
    [InlineData("what can I ask you about?", SmallTalkKind.About)]
    [InlineData("help", SmallTalkKind.About)]
    [InlineData("Are you a bot?", SmallTalkKind.About)]
    [InlineData("How does this work?", SmallTalkKind.About)]
    public void Detect_Conversation_IsSmallTalkOfItsKind(string message, SmallTalkKind expected)
    {
        Assert.Equal(expected, SmallTalkDetector.Detect(message));
    }

    [Theory]
    [InlineData("Hi, when did Lenin die?")]
    [InlineData("Thanks! Who exiled Trotsky?")]
    [InlineData("What do you know about Trotsky?")]
    [InlineData("help me understand permanent revolution")]
    [InlineData("Who are the Bolsheviks?")]
    [InlineData("What did Lenin think about unions?")]
    [InlineData("Good night of the long knives")]
    [InlineData("Stalin")]
    [InlineData("Why?")]
    public void Detect_AQuestion_IsNotSmallTalk(string message)
    {
        Assert.Null(SmallTalkDetector.Detect(message));
    }

    [Fact]
    public void Detect_TheSeedQuestions_NoneIsSmallTalk()
    {
        var flagged = SeedSets.EnglishQuestions().Where(q => SmallTalkDetector.Detect(q) is not null).ToList();

        Assert.Empty(flagged);
    }
}
