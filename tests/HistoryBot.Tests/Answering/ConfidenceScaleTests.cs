using System.Text;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Retrieval;
using static HistoryBot.Tests.Support.InMemoryPassages;

namespace HistoryBot.Tests.Answering;

/// <summary>The map of the rules pick's hand-written confidence (Retrieval:CalibratedHandConfidence).</summary>
public sealed class ConfidenceScaleTests
{
    // Raises every confidence: logit + 1.
    private static readonly ConfidenceScale Raise = new(-1, -1);

    private static readonly CandidatePassage Exile = Candidate(Passage("e#0", "Trotsky", "Exile", "Stalin exiled Trotsky in 1929."), score: 2);
    private static readonly CandidatePassage Weather = Candidate(Passage("w#0", "Weather", "Winter", "The winter was cold."), score: 1);

    [Fact]
    public void Map_WithSlopeMinusOneAndNoOffset_IsTheIdentity()
    {
        var identity = new ConfidenceScale(-1, 0);

        foreach (var c in new[] { 0.05, 0.35, 0.5, 0.9 })
        {
            Assert.Equal(c, identity.Map(c), 9);
        }
    }

    [Fact]
    public void Map_IsIncreasing_AndStaysBetweenZeroAndOne_EvenAtTheEnds()
    {
        var mapped = new[] { 0, 0.1, 0.35, 0.6, 0.99, 1 }.Select(Raise.Map).ToList();

        Assert.Equal(mapped.Order(), mapped);
        Assert.Equal(mapped.Count, mapped.Distinct().Count());
        Assert.All(mapped, m => Assert.InRange(m, 0, 1));
        Assert.True(Raise.Map(0.5) > 0.5);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(-1, double.PositiveInfinity)]
    public void IsValid_RejectsAMapThatIsNotFiniteAndIncreasing(double slope, double offset)
    {
        Assert.False(new ConfidenceScale(slope, offset).IsValid());
    }

    [Fact]
    public void Shipped_HasAValidMap_ThatKeepsConfidencesInOrderAndNearTheHandOnes()
    {
        // A Platt map of a confidence that is already near calibrated on the training material: a small correction.
        var scale = AnswerModel.Shipped.HandScale;

        Assert.NotNull(scale);
        Assert.True(scale.IsValid());
        foreach (var c in new[] { 0.35, 0.5, 0.7, 0.9 })
        {
            Assert.InRange(scale.Map(c), c - 0.15, c + 0.15);
        }
    }

    [Fact]
    public void Read_AModelWithoutAMap_LoadsWithNone_AndOneWithADecreasingMapIsRefused()
    {
        const string Model = """
            {"threshold": 0.5,
             "sentence": {"features": ["passageRank"], "trees": [{"feature": [0], "threshold": [0.5], "left": [-1], "right": [-2], "leaves": [-3, 3]}], "bias": 0, "plattSlope": -1, "plattOffset": 0},
             "answer": {"features": ["margin"], "weights": [0], "bias": 0},
             "rulesThreshold": 0.6,
             "rulesAnswer": {"features": ["coverage"], "weights": [1.5], "bias": 0}
             HANDSCALE}
            """;

        Assert.Null(AnswerModel.Read(Stream(Model.Replace("HANDSCALE", ""))).HandScale);
        Assert.Equal(-0.9, AnswerModel.Read(Stream(Model.Replace("HANDSCALE", ", \"handScale\": {\"slope\": -0.9, \"offset\": -0.3}"))).HandScale!.Slope);
        Assert.Throws<FormatException>(() => AnswerModel.Read(Stream(Model.Replace("HANDSCALE", ", \"handScale\": {\"slope\": 0.9, \"offset\": 0}"))));
    }

    [Fact]
    public void Compose_RulesPath_ShowsTheMappedConfidence_AndAnswersTheSameQuestions()
    {
        var question = Question("Who exiled Trotsky?");
        var hand = new ConfidenceEstimator(new ConfidenceOptions());
        var top = new SentenceScorer(new ScoringOptions()).Score(question, [Exile, Weather]).Top!;
        var raw = hand.Confidence(question, top);

        var plain = Composer(null, null).Compose(question, [Exile, Weather], TimeSpan.Zero);
        var mapped = Composer(null, Raise).Compose(question, [Exile, Weather], TimeSpan.Zero);

        Assert.True(plain.Answered);
        Assert.True(mapped.Answered);
        Assert.Equal(plain.Quote!.PassageId, mapped.Quote!.PassageId);
        Assert.Equal(Math.Round(raw, 4), plain.Quote.Score, 6);
        Assert.Equal(Math.Round(Raise.Map(raw), 4), mapped.Quote.Score, 6);
    }

    [Fact]
    public void Compose_RulesPath_TheDefaultThresholdIsMappedToo_SoTheMapDecidesNothing()
    {
        // A map that drops the answer's confidence far below 0.35: it is answered all the same, as without the map.
        var question = Question("Why did Trotsky leave the party congress?");
        var spoke = Candidate(Passage("c#0", "Trotsky", "Congress", "Trotsky spoke at the congress."), score: 1);
        var top = new SentenceScorer(new ScoringOptions()).Score(question, [spoke]).Top!;
        var raw = new ConfidenceEstimator(new ConfidenceOptions()).Confidence(question, top);
        var drop = new ConfidenceScale(-1, 4);
        Assert.True(raw >= ConfidenceOptions.RulesMinimumConfidence, $"hand confidence {raw}");
        Assert.True(drop.Map(raw) < ConfidenceOptions.RulesMinimumConfidence);

        Assert.True(Composer(null, null).Compose(question, [spoke], TimeSpan.Zero).Answered);
        var mapped = Composer(null, drop).Compose(question, [spoke], TimeSpan.Zero);
        Assert.True(mapped.Answered);
        Assert.Equal(Math.Round(drop.Map(raw), 4), mapped.Quote!.Score, 6);
    }

    [Fact]
    public void Compose_RulesPath_AConfiguredMinimumConfidenceIsComparedWithTheShownConfidence()
    {
        var question = Question("Who exiled Trotsky?");
        var shown = Composer(null, Raise).Compose(question, [Exile, Weather], TimeSpan.Zero).Quote!.Score;

        Assert.True(Composer(shown - 0.01, Raise).Compose(question, [Exile, Weather], TimeSpan.Zero).Answered);
        Assert.False(Composer(shown + 0.01, Raise).Compose(question, [Exile, Weather], TimeSpan.Zero).Answered);
    }

    private static AnswerComposer Composer(double? minimumConfidence, ConfidenceScale? scale) => new(
        new SentenceScorer(new ScoringOptions()),
        new ConfidenceEstimator(new ConfidenceOptions { MinimumConfidence = minimumConfidence }),
        new QuoteBuilder(new QuoteOptions()),
        handScale: scale);

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
