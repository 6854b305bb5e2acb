using HistoryBot.Core.Answering;
using static HistoryBot.Tests.Support.InMemoryPassages;

namespace HistoryBot.Tests.Answering;

public sealed class QuoteBuilderTests
{
    private readonly QuoteBuilder _builder = new(new QuoteOptions { ShortSentenceChars = 0 });

    [Fact]
    public void Build_WhenQuestionWithoutADate_AddsTheNeighbourThatHasOne()
    {
        var quote = Build("When did Lenin die?", 0, "Lenin's death shocked the party.", "It came in January 1924.", "Stalin rose.");

        Assert.Equal("Lenin's death shocked the party. It came in January 1924.", quote.Text.Text);
        Assert.Equal(0, quote.Start);
    }

    [Fact]
    public void Build_SentenceOpeningWithAPronoun_StartsWithTheSentenceBefore()
    {
        var quote = Build("What did Trotsky write?", 1, "Trotsky lived in Mexico.", "He wrote a history of the revolution.");

        Assert.Equal("Trotsky lived in Mexico. He wrote a history of the revolution.", quote.Text.Text);
    }

    [Fact]
    public void Build_ShortSentence_IsCompletedByTheNextOne()
    {
        var builder = new QuoteBuilder(new QuoteOptions { ShortSentenceChars = 150 });
        var passage = Passage("a#0", "T", null, "Trotsky fled.", "The party split apart.");
        var top = new ScoredSentence(Candidate(passage), 0, 1, 1, 1, 1, null);

        var quote = builder.Build(Question("Did Trotsky flee?"), top, 0.9);

        Assert.Equal("Trotsky fled. The party split apart.", quote.Text.Text);
    }

    [Fact]
    public void Build_ShortSentenceAndNoNeighbourWithTheKindAsked_IsStillCompletedByTheNextOne()
    {
        var builder = new QuoteBuilder(new QuoteOptions { ShortSentenceChars = 150 });
        var passage = Passage("a#0", "T", null, "Trotsky never led the party.", "He had made many enemies within it.");
        var top = new ScoredSentence(Candidate(passage), 0, 1, 1, 1, 1, null);

        var quote = builder.Build(Question("When did Trotsky fail to lead the party?"), top, 0.9);

        Assert.Equal("Trotsky never led the party. He had made many enemies within it.", quote.Text.Text);
    }

    [Fact]
    public void Build_TooLong_KeepsTheStretchWithTheQuestionsWordsCutAtAWord()
    {
        var filler = string.Join(' ', Enumerable.Repeat("The weather stayed cold and grey that year", 8)) + ".";
        var quote = new QuoteBuilder(new QuoteOptions { MaxQuoteChars = 80, ShortSentenceChars = 0 })
            .Build(Question("Who exiled Trotsky?"), Top(0, filler + " Then Stalin exiled Trotsky."), 0.5);

        Assert.True(quote.Text.Text.Length <= 80);
        Assert.EndsWith("Then Stalin exiled", quote.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_QuestionWords_AreHighlightedAndTheScoreRounded()
    {
        var quote = _builder.Build(Question("Who exiled Trotsky?"), Top(0, "Stalin exiled Trotsky."), 0.123456);

        Assert.Equal(["exiled", "Trotsky"], quote.Text.Highlights.Select(h => h.Slice(quote.Text.Text)).ToArray());
        Assert.Equal(0.1235, quote.Score);
        Assert.Equal("a#0", quote.PassageId);
    }

    private Quote Build(string question, int index, params string[] sentences) =>
        _builder.Build(Question(question), Top(index, sentences), 0.9);

    private static ScoredSentence Top(int index, params string[] sentences) =>
        new(Candidate(Passage("a#0", "T", null, sentences)), index, 1, 1, 1, 1, null);
}
