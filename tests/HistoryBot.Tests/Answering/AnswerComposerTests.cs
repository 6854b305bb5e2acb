using HistoryBot.Core.Answering;
using HistoryBot.Core.Retrieval;
using static HistoryBot.Tests.Support.InMemoryPassages;

namespace HistoryBot.Tests.Answering;

public sealed class AnswerComposerTests
{
    private static readonly CandidatePassage Weather = Candidate(Passage("w#0", "Weather", "Winter", "The winter was cold."), score: 1);
    private static readonly CandidatePassage Exile = Candidate(Passage("e#0", "Trotsky", "Exile", "Stalin exiled Trotsky in 1929."), score: 2);

    [Fact]
    public void Compose_StrongEvidence_QuotesItAndRanksItsPassageFirst()
    {
        var answer = Composer(0.35).Compose(Question("Who exiled Trotsky?"), [Weather, Exile], TimeSpan.Zero);

        Assert.True(answer.Answered);
        Assert.Equal("e#0", answer.Quote!.PassageId);
        Assert.Equal(["e#0", "w#0"], answer.Passages.Select(p => p.Passage.Id).ToArray());
        Assert.Empty(answer.Suggestions);
    }

    [Fact]
    public void Compose_BelowTheMinimumConfidence_DeclinesWithTheCandidatesSectionsAsSuggestions()
    {
        // "pizza" is rare and nowhere in the corpus: the confidence shrinks below 1.
        var question = Question("Who exiled Trotsky with pizza?", absent: new HashSet<string> { Stem("pizza") });

        var answer = Composer(1.0).Compose(question, [Weather, Exile], TimeSpan.Zero);

        Assert.False(answer.Answered);
        Assert.Null(answer.Quote);
        Assert.Equal(["Winter (Weather)", "Exile (Trotsky)"], answer.Suggestions.ToArray());
        Assert.Equal(2, answer.Passages.Count);
    }

    [Fact]
    public void Compose_NoCandidates_Declines()
    {
        var answer = Composer(0).Compose(Question("Who exiled Trotsky?"), [], TimeSpan.Zero);

        Assert.False(answer.Answered);
        Assert.Empty(answer.Passages);
    }

    [Fact]
    public void Compose_ClippedQuestion_SaysSoInTheAnswer()
    {
        var question = Question("Who exiled Trotsky?") with { Clipped = true };

        Assert.True(Composer(0.35).Compose(question, [Exile], TimeSpan.Zero).QuestionClipped);
        Assert.True(Composer(0).Compose(question, [], TimeSpan.Zero).QuestionClipped);
    }

    private static AnswerComposer Composer(double minimumConfidence) => new(
        new SentenceScorer(new ScoringOptions()),
        new ConfidenceEstimator(new ConfidenceOptions { MinimumConfidence = minimumConfidence }),
        new QuoteBuilder(new QuoteOptions()));
}
