using System.Text;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Retrieval;
using static HistoryBot.Tests.Support.InMemoryPassages;

namespace HistoryBot.Tests.Answering;

public sealed class AnswerModelTests
{
    /// <summary>
    /// Prefers the second retrieved passage's sentences whatever the hand score says; 0.73 sure of its own pick, and of the
    /// hand-written pick sigmoid(1.5 × its coverage).
    /// </summary>
    private const string SecondPassageModel = """
        {"threshold": 0.5,
         "sentence": {"features": ["passageRank"], "trees": [{"feature": [0], "threshold": [0.5], "left": [-1], "right": [-2], "leaves": [-3, 3]}], "bias": 0, "plattSlope": -1, "plattOffset": 0},
         "answer": {"features": ["margin"], "weights": [0], "bias": 0.9946},
         "rulesThreshold": 0.6,
         "rulesAnswer": {"features": ["coverage"], "weights": [1.5], "bias": 0}}
        """;

    private static readonly CandidatePassage Exile = Candidate(Passage("e#0", "Trotsky", "Exile", "Stalin exiled Trotsky in 1929."), score: 2);
    private static readonly CandidatePassage Weather = Candidate(Passage("w#0", "Weather", "Winter", "The winter was cold."), score: 1);

    [Fact]
    public void Shipped_LoadsWithTreesAndThresholdsBetweenZeroAndOne()
    {
        var model = AnswerModel.Shipped;

        Assert.NotEmpty(model.Sentence.Trees);
        Assert.NotEmpty(model.Answer.Weights);
        Assert.NotEmpty(model.RulesAnswer.Weights);
        Assert.InRange(model.Threshold, 0.01, 0.99);
        Assert.InRange(model.RulesThreshold, 0.01, 0.99);
    }

    [Theory]
    [InlineData("handConfidence")]
    [InlineData("bestProbability")]
    public void Shipped_Calibrations_AreMonotone_AMorePlausiblePickIsNeverLessProbable(string feature)
    {
        var pick = Sentence(coverage: 0.6f, semantic: 0.6f, handRank: 0, handConfidence: 0.5f);
        foreach (var calibration in new[] { AnswerModel.Shipped.Answer, AnswerModel.Shipped.RulesAnswer })
        {
            var probabilities = Enumerable.Range(0, 11).Select(i =>
            {
                var features = AnswerModel.AnswerFeatures(pick, [0.5, 0.3], 0);
                features[AnswerModel.AnswerFeatureNames.ToList().IndexOf(feature)] = i / 10f;
                return calibration.Probability(features);
            }).ToList();

            Assert.Equal(probabilities.Order(), probabilities);
            Assert.True(probabilities[^1] > probabilities[0], $"{feature} moves the probability");
        }
    }

    [Fact]
    public void Shipped_ASentenceCoveringTheQuestionInItsOwnWords_IsMoreProbableThanOneThatDoesNot()
    {
        var good = Sentence(coverage: 1, semantic: 0.9f, handRank: 0, handConfidence: 0.9f);
        var poor = Sentence(coverage: 0.1f, semantic: 0.1f, handRank: 5, handConfidence: 0.1f);

        Assert.True(AnswerModel.Shipped.Sentence.Probability(good) > AnswerModel.Shipped.Sentence.Probability(poor));
    }

    [Fact]
    public void Shipped_AClearWinnerIsMoreConfidentThanACloseCall_WhicheverPathPicked()
    {
        var best = Sentence(coverage: 0.8f, semantic: 0.7f, handRank: 0, handConfidence: 0.7f);

        foreach (var answer in new[] { AnswerModel.Shipped.Answer, AnswerModel.Shipped.RulesAnswer })
        {
            var clear = answer.Probability(AnswerModel.AnswerFeatures(best, [0.9, 0.1], 0));
            var close = answer.Probability(AnswerModel.AnswerFeatures(best, [0.3, 0.29], 0));

            Assert.True(clear > close, $"clear {clear}, close {close}");
        }
    }

    [Fact]
    public void Shipped_RulesPick_APickCoveringTheQuestionIsMoreConfidentThanOneThatDoesNot()
    {
        var good = Sentence(coverage: 1, semantic: 0.9f, handRank: 0, handConfidence: 0.9f);
        var poor = Sentence(coverage: 0.2f, semantic: 0.3f, handRank: 0, handConfidence: 0.2f);

        var high = AnswerModel.Shipped.RulesAnswer.Probability(AnswerModel.AnswerFeatures(good, [0.8, 0.3], 0));
        var low = AnswerModel.Shipped.RulesAnswer.Probability(AnswerModel.AnswerFeatures(poor, [0.2, 0.1], 0));

        Assert.True(high > low, $"covering {high}, not covering {low}");
    }

    [Fact]
    public void Compose_LearnedPathCalibrated_QuotesTheSentenceTheModelPrefers_WithItsProbability()
    {
        var answer = Composer(null, AnswerPath.Learned).Compose(Question("Who exiled Trotsky?"), [Exile, Weather], TimeSpan.Zero);

        Assert.True(answer.Answered);
        Assert.Equal("w#0", answer.Quote!.PassageId);
        Assert.Equal(0.73, answer.Quote.Score, 3);
        Assert.Equal("w#0", answer.Passages[0].Passage.Id);
    }

    [Fact]
    public void Compose_RulesPathCalibrated_QuotesTheHandWrittenPick_WithTheRulesAnswerabilityProbability()
    {
        var question = Question("Who exiled Trotsky?");
        var top = new SentenceScorer(new ScoringOptions()).Score(question, [Exile, Weather]).Top!;

        var answer = Composer(null, AnswerPath.Rules).Compose(question, [Exile, Weather], TimeSpan.Zero);

        Assert.Equal(top.Passage.Passage.Id, answer.Quote!.PassageId);
        var expected = 1 / (1 + Math.Exp(-1.5 * top.Coverage));
        Assert.Equal(Math.Round(expected, 4), answer.Quote.Score, 6);
    }

    [Fact]
    public void Compose_RulesPathCalibrated_DeclinesBelowTheRulesThresholdOfTheModel()
    {
        // The hand-written pick's probability is at most sigmoid(1.5) = 0.818; a model threshold above it declines.
        var strict = AnswerModel.Read(new MemoryStream(Encoding.UTF8.GetBytes(SecondPassageModel.Replace("\"rulesThreshold\": 0.6", "\"rulesThreshold\": 0.85"))));
        var composer = new AnswerComposer(
            new SentenceScorer(new ScoringOptions()), new ConfidenceEstimator(new ConfidenceOptions()), new QuoteBuilder(new QuoteOptions()), strict, AnswerPath.Rules);

        Assert.True(Composer(null, AnswerPath.Rules).Compose(Question("Who exiled Trotsky?"), [Exile, Weather], TimeSpan.Zero).Answered);
        Assert.False(composer.Compose(Question("Who exiled Trotsky?"), [Exile, Weather], TimeSpan.Zero).Answered);
    }

    [Fact]
    public void Compose_WithAModel_AConfiguredMinimumConfidenceWinsOverTheModelsThreshold()
    {
        Assert.True(Composer(0.7, AnswerPath.Learned).Compose(Question("Who exiled Trotsky?"), [Exile, Weather], TimeSpan.Zero).Answered);
        Assert.False(Composer(0.8, AnswerPath.Learned).Compose(Question("Who exiled Trotsky?"), [Exile, Weather], TimeSpan.Zero).Answered);
    }

    [Fact]
    public void Compose_LearnedPathNotCalibrated_ShowsTheHandConfidenceOfThePickedSentence()
    {
        var question = Question("Who exiled Trotsky?");
        var hand = new ConfidenceEstimator(new ConfidenceOptions());
        var weather = new SentenceScorer(new ScoringOptions()).Score(question, [Exile, Weather]).Sentences.Single(s => s.Passage == Weather);

        var answer = Composer(0, AnswerPath.Learned, calibrated: false).Compose(question, [Exile, Weather], TimeSpan.Zero);

        Assert.Equal("w#0", answer.Quote!.PassageId);
        Assert.Equal(Math.Round(hand.Confidence(question, weather), 4), answer.Quote.Score, 6);
    }

    private static AnswerComposer Composer(double? minimumConfidence, AnswerPath path, bool calibrated = true) => new(
        new SentenceScorer(new ScoringOptions()),
        new ConfidenceEstimator(new ConfidenceOptions { MinimumConfidence = minimumConfidence }),
        new QuoteBuilder(new QuoteOptions()),
        AnswerModel.Read(new MemoryStream(Encoding.UTF8.GetBytes(SecondPassageModel))),
        path,
        calibrated);

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
