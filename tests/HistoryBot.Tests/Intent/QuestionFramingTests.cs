using HistoryBot.Core.Intent;

namespace HistoryBot.Tests.Intent;

public sealed class QuestionFramingTests
{
    [Theory]
    [InlineData(
        "I am writing an essay for school and I was wondering, what was the main disagreement between Lenin and Trotsky?",
        "what was the main disagreement between Lenin and Trotsky?")]
    [InlineData("Can you tell me who succeeded Lenin?", "who succeeded Lenin?")]
    [InlineData("I'd like to know why Trotsky was exiled.", "why Trotsky was exiled.")]
    [InlineData("Hi, when did Lenin die?", "when did Lenin die?")]
    [InlineData("Hey there! Quick question: who led the Red Army?", "who led the Red Army?")]
    [InlineData("Please, when was Trotsky assassinated?", "when was Trotsky assassinated?")]
    [InlineData("Who exiled Trotsky, please?", "Who exiled Trotsky?")]
    [InlineData("For my history homework, do you know what permanent revolution is?", "what permanent revolution is?")]
    [InlineData("I'm curious about what Lenin thought of unions", "what Lenin thought of unions")]
    [InlineData("Could you please explain how the party should be organized? Thanks!", "how the party should be organized?")]
    [InlineData("So basically I need to know for my homework what permanent revolution meant, can you help?", "what permanent revolution meant?")]
    [InlineData("Who exiled Trotsky, if you know?", "Who exiled Trotsky?")]
    public void Strip_ChattyQuestion_LeavesTheShortForm(string chatty, string expected)
    {
        Assert.Equal(expected, QuestionFraming.Strip(chatty));
    }

    [Theory]
    [InlineData("When did Lenin die?")]
    [InlineData("Why did Lenin and Trotsky disagree about unions?")]
    [InlineData("Was Lenin a Bolshevik?")]
    [InlineData("Tell me?")]
    [InlineData("What did the essay of Trotsky say about school?")]
    [InlineData("How did Trotsky's Permanent Revolution differ from Stalin's plans?")]
    [InlineData("How can you help?")]
    public void Strip_PlainQuestion_IsLeftAlone(string question)
    {
        Assert.Equal(question, QuestionFraming.Strip(question));
    }
}
