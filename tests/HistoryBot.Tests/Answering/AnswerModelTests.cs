using System.Text;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Retrieval;
using static HistoryBot.Tests.Support.InMemoryPassages;

namespace HistoryBot.Tests.Answering;

public sealed class AnswerModelTests
{
    /// <summary>Prefers the second retrieved passage's sentences whatever the hand score says; always 0.73 sure.</summary>
    private const string SecondPassageModel = """
        {"threshold": 0.5,
         "sentence": {"features": ["passageRank"], "trees": [{"feature": [0], "threshold": [0.5], "left": [-1], "right": [-2], "leaves": [-3, 3]}], "bias": 0, "plattSlope": -1, "plattOffset": 0},
         "answer": {"features": ["margin"], "trees": [], "bias": 0, "plattSlope": -1, "plattOffset": -0.9946}}
        """;

    private static readonly CandidatePassage Exile = Candidate(Passage("e#0", "Trotsky", "Exile", "Stalin exiled Trotsky in 1929."), score: 2);
    private static readonly CandidatePassage Weather = Candidate(Passage("w#0", "Weather", "Winter", "The winter was cold."), score: 1);

    [Fact]
    public void Shipped_LoadsWithTreesAndAThresholdBetweenZeroAndOne()
    {
        var model = AnswerModel.Shipped;

        Assert.NotEmpty(model.Sentence.Trees);
        Assert.NotEmpty(model.Answer.Trees);
        Assert.InRange(model.Threshold, 0.01, 0.99);
    }

    [Fact]
    public void Shipped_ASentenceCoveringTheQuestionInItsOwnWords_IsMoreProbableThanOneThatDoesNot()
    {
        var good = Sentence(coverage: 1, semantic: 0.9f, handRank: 0, handConfidence: 0.9f);
        var poor = Sentence(coverage: 0.1f, semantic: 0.1f, handRank: 5, handConfidence: 0.1f);

        Assert.True(AnswerModel.Shipped.Sentence.Probability(good) > AnswerModel.Shipped.Sentence.Probability(poor));
    }

    [Fact]
    public void Shipped_AClearWinnerIsMoreConfidentThanACloseCall()
    {
        var best = Sentence(coverage: 0.8f, semantic: 0.7f, handRank: 0, handConfidence: 0.7f);

        var clear = AnswerModel.Shipped.Answer.Probability(AnswerModel.AnswerFeatures(best, [0.9, 0.1], 0));
        var close = AnswerModel.Shipped.Answer.Probability(AnswerModel.AnswerFeatures(best, [0.3, 0.29], 0));

        Assert.True(clear > close, $"clear {clear}, close {close}");
    }

    [Fact]
    public void Compose_WithAModel_QuotesTheSentenceTheModelPrefers_WithItsConfidence()
    {
        var answer = Composer(null).Compose(Question("Who exiled Trotsky?"), [Exile, Weather], TimeSpan.Zero);

        Assert.True(answer.Answered);
        Assert.Equal("w#0", answer.Quote!.PassageId);
        Assert.Equal(0.73, answer.Quote.Score, 3);
        Assert.Equal("w#0", answer.Passages[0].Passage.Id);
    }

    [Fact]
    public void Compose_WithAModel_AConfiguredMinimumConfidenceWinsOverTheModelsThreshold()
    {
        Assert.True(Composer(0.7).Compose(Question("Who exiled Trotsky?"), [Exile, Weather], TimeSpan.Zero).Answered);
        Assert.False(Composer(0.8).Compose(Question("Who exiled Trotsky?"), [Exile, Weather], TimeSpan.Zero).Answered);
    }

    private static AnswerComposer Composer(double? minimumConfidence) => new(
        new SentenceScorer(new ScoringOptions()),
        new ConfidenceEstimator(new ConfidenceOptions { MinimumConfidence = minimumConfidence }),
        new QuoteBuilder(new QuoteOptions()),
        AnswerModel.Read(new MemoryStream(Encoding.UTF8.GetBytes(SecondPassageModel))));

    /// <summary>A feature vector with typical values, and the given ones.</summary>
    private static float[] Sentence(float coverage, float semantic, int handRank, float handConfidence)
    {
        var f = new float[SentenceFeatures.Names.Count];
        void Set(string name, float value) => f[SentenceFeatures.IndexOf(name)] = value;
        Set("kind", (float)QuestionKind.Other);
        Set("questionTerms", 4);
        Set("questionNames", 1);
        Set("handScore", 1 + (2 * coverage));
        Set("handRank", handRank);
        Set("handGap", handRank == 0 ? 0 : 0.8f);
        Set("handConfidence", handConfidence);
        Set("coverage", coverage);
        Set("context", Math.Min(1, coverage + 0.1f));
        Set("salience", coverage);
        Set("nonNameCoverage", coverage);
        Set("namesHere", 1);
        Set("namesNear", 1);
        Set("semantic", semantic);
        Set("semanticRank", handRank);
        Set("semanticGap", 0.9f - semantic);
        Set("passageScore", 1 - (handRank / 10f));
        Set("passageRank", handRank);
        Set("sentenceLength", 1.2f);
        Set("cueHere", coverage > 0.5 ? 1 : 0);
        Set("bigramOverlap", coverage);
        Set("matchDensity", coverage / 2);
        Set("unmatchedNear", (1 - coverage) * 4);
        Set("unmatchedShare", 1 - coverage);
        Set("unmatchedSalience", (1 - coverage) * 5);
        return f;
    }
}
