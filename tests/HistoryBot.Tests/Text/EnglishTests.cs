using HistoryBot.Core.Text;

namespace HistoryBot.Tests.Text;

public sealed class EnglishTests
{
    [Theory]
    [InlineData("When did Lenin die?", "Lenin")]
    [InlineData("Was Lenin a Bolshevik?", "Lenin")]
    [InlineData("What was the Russian Revolution?", "Russian Revolution")]
    [InlineData("What were Trotsky's aims?", "Trotsky")]
    [InlineData("When did he die?", null)]
    [InlineData("Can I ask something?", null)]
    [InlineData("What's the capital of France?", "France")]
    [InlineData("Who's Trotsky?", "Trotsky")]
    [InlineData("What's that?", null)]
    public void Subject_Question_IsItsFirstName(string question, string? expected)
    {
        Assert.Equal(expected, English.Subject(question));
    }

    [Fact]
    public void NamesInQuestion_FirstWordCapitalised_IsLeftOut()
    {
        Assert.Equal(["Stalin", "Trotsky"], English.NamesInQuestion("When did Stalin exile Trotsky?").ToArray());
        Assert.Empty(English.NamesInQuestion("Who led the revolution?"));
    }

    [Theory]
    [InlineData("Lenin died in 1924 after a stroke.", false)]
    [InlineData("He was succeeded by Stalin.", true)]
    [InlineData("Stalin succeeded him.", false)]
    public void HasNewName_AgainstTheQuestionsWords_FindsOnlyNamesTheQuestionLacks(string sentence, bool expected)
    {
        var questionWords = English.LowerCaseWords("Who succeeded Lenin?");

        Assert.Equal(expected, English.HasNewName(sentence, questionWords));
    }

    [Theory]
    [InlineData("He left for Mexico.", true)]
    [InlineData("This led to the split.", true)]
    [InlineData("There were two factions.", true)]
    [InlineData("Hence the split.", false)]
    [InlineData("Lenin left for Zurich.", false)]
    public void StartsWithBackReference_Sentence_DetectsReferringOpeners(string sentence, bool expected)
    {
        Assert.Equal(expected, English.StartsWithBackReference(sentence));
    }

    [Fact]
    public void ReplacePronouns_PossessiveAndPersonal_TakeTheSubject()
    {
        Assert.Equal("When did Lenin leave Lenin's party?", English.ReplacePronouns("When did he leave his party?", "Lenin"));
    }

    [Fact]
    public void QuestionStopWords_EveryEntry_IsLowerCaseAndDistinct()
    {
        Assert.All(English.QuestionStopWords, w => Assert.Equal(w.ToLowerInvariant(), w));
        Assert.Equal(English.QuestionStopWords.Count, English.QuestionStopWords.Distinct().Count());
    }
}
