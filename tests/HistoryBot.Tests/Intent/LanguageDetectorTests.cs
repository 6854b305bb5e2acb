using HistoryBot.Core.Intent;

namespace HistoryBot.Tests.Intent;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("Qui a succédé à Lénine ?", "French")]
    [InlineData("Wie ist Trotzki gestorben?", "German")]
    [InlineData("¿Quién sucedió a Lenin?", "Spanish")]
    [InlineData("Кто убил Троцкого?", "Russian")]
    [InlineData("列宁是什么时候去世的？", "Chinese")]
    [InlineData("レーニンはいつ死にましたか？", "Japanese")]
    public void Detect_AQuestionInAnotherLanguage_NamesTheLanguage(string question, string language)
    {
        Assert.Equal(new LanguageGuess(false, language), LanguageDetector.Detect(question));
    }

    [Theory]
    [InlineData("When did Lénine die?")]
    [InlineData("What does the Russian word смычка mean?")]
    [InlineData("Who founded the Universidad de los Andes?")]
    [InlineData("What did Trotsky say about the Vereinigte Staaten von Europa?")]
    [InlineData("Lenin Trotsky unions")]
    [InlineData("Was Lenin a Bolshevik?")]
    [InlineData("Die Lenin in 1924?")]
    [InlineData("Who wrote Das Kapital?")]
    [InlineData("What is la belle époque?")]
    public void Detect_AnEnglishQuestionWithForeignWords_IsEnglish(string question)
    {
        Assert.True(LanguageDetector.Detect(question).IsEnglish);
    }

    [Fact]
    public void Detect_TheSeedQuestions_NoneIsFlagged()
    {
        var flagged = SeedSets.EnglishQuestions().Where(q => !LanguageDetector.Detect(q).IsEnglish).ToList();

        Assert.Empty(flagged);
    }

    [Fact]
    public void Detect_TheWrittenOtherLanguageQuestions_AlmostAllNamedRight()
    {
        // Given the questions written in ten Latin-script languages and eight other scripts
        var questions = SeedSets.OtherLanguages().ToList();

        // When each is detected
        var wrong = questions
            .Select(q => (q.Language, q.Question, Guess: LanguageDetector.Detect(q.Question)))
            .Where(q => q.Guess.IsEnglish || (q.Language != "?" && q.Guess.Language != q.Language))
            .Select(q => $"{q.Language}: {q.Question} -> {(q.Guess.IsEnglish ? "English" : q.Guess.Language)}")
            .ToList();

        // Then at most one in twenty is missed or misnamed (measured: see the README's "Other languages")
        Assert.True(wrong.Count <= questions.Count * 0.05, $"{wrong.Count} of {questions.Count} wrong:\n" + string.Join('\n', wrong));
    }
}
