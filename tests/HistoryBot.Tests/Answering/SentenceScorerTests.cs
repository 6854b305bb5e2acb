using HistoryBot.Core.Answering;
using static HistoryBot.Tests.Support.InMemoryPassages;

namespace HistoryBot.Tests.Answering;

public sealed class SentenceScorerTests
{
    private readonly SentenceScorer _scorer = new(new ScoringOptions());

    [Fact]
    public void Score_SentenceWithTheQuestionsWords_RanksFirst()
    {
        var passage = Passage("a#0", "Russia", null, "The weather was cold.", "Stalin exiled Trotsky in 1929.", "Many people moved.");

        var top = _scorer.Score(Question("Who exiled Trotsky?"), [Candidate(passage)]).Top!;

        Assert.Equal(1, top.SentenceIndex);
        Assert.Equal(1.0, top.Coverage, 6);
    }

    [Fact]
    public void Score_WordsOnlyInTheNeighbour_CountForContextNotCoverage()
    {
        var passage = Passage("a#0", "Russia", null, "Trotsky was a Bolshevik.", "He was exiled in 1929.");

        var scores = _scorer.Score(Question("When was Trotsky exiled?"), [Candidate(passage)]);
        var second = scores.Sentences[1];

        Assert.Equal(0.5, second.Coverage, 6);
        Assert.Equal((1 + SentenceScorer.NeighbourMatch) / 2, second.Context, 6);
    }

    [Fact]
    public void Score_HigherKeywordScore_RaisesTheSentenceByThePassageWeight()
    {
        var same = new[] { "Stalin exiled Trotsky." };
        var strong = Candidate(Passage("a#0", "T", null, same), score: 10);
        var weak = Candidate(Passage("b#0", "T", null, same), score: 5);

        var scores = _scorer.Score(Question("Who exiled Trotsky?"), [weak, strong]);

        Assert.Equal(new ScoringOptions().PassageWeight * 0.5, scores.BestByPassage["a#0"] - scores.BestByPassage["b#0"], 6);
        Assert.Equal("a#0", scores.Top!.Passage.Passage.Id);
    }

    [Theory]
    [InlineData(0.45f, 0.0)]
    [InlineData(0.30f, 0.0)]
    [InlineData(0.675f, 0.5)]
    [InlineData(0.95f, 1.0)]
    public void Score_Similarity_IsScaledBetweenFloorAndCeiling(float cosine, double expected)
    {
        var passage = Passage("a#0", "T", null, "Stalin exiled Trotsky.");

        var sentence = Assert.Single(_scorer.Score(Question("Who exiled Trotsky?"), [Candidate(passage, 1, cosine)]).Sentences);

        Assert.Equal(expected, sentence.Semantic!.Value, 4);
    }

    [Fact]
    public void Score_Lexical_HasNoSemanticFeature()
    {
        var passage = Passage("a#0", "T", null, "Stalin exiled Trotsky.");

        Assert.Null(Assert.Single(_scorer.Score(Question("Who exiled Trotsky?"), [Candidate(passage)]).Sentences).Semantic);
    }

    [Fact]
    public void Score_NoCandidates_HasNoTop()
    {
        Assert.Null(_scorer.Score(Question("Who exiled Trotsky?"), []).Top);
    }
}
