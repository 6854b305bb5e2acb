using System.Text;
using HistoryBot.Core.Answering;

namespace HistoryBot.Tests.Answering;

/// <summary>An isotonic calibration, evaluated as ML.NET's isotonic calibrator does, and read from a model file.</summary>
public sealed class IsotonicMapTests
{
    private static readonly IsotonicMap Map = new([-1f, 1f, 3f], [0f, 2f, 4f], [0.1f, 0.5f, 0.9f]);

    [Theory]
    [InlineData(-5, 0.1)]
    [InlineData(-0.5, 0.1)]
    [InlineData(1.5, 0.5)]
    [InlineData(3, 0.9)]
    [InlineData(9, 0.9)]
    public void Map_InsideAnIntervalOrBeyondTheEnds_IsThatIntervalsValue(double score, double expected) =>
        Assert.Equal(expected, Map.Map(score), 6);

    [Fact]
    public void Map_BetweenTwoIntervals_InterpolatesTheirValues()
    {
        Assert.Equal(0.3, Map.Map(0.5), 6);
        Assert.Equal(0.7, Map.Map(2.5), 6);
    }

    [Fact]
    public void Map_NeverDecreasesWithTheScore()
    {
        var values = Enumerable.Range(-30, 80).Select(i => Map.Map(i / 10.0)).ToList();

        Assert.Equal(values.Order(), values);
    }

    [Fact]
    public void Read_ACalibrationWithAnIsotonicMap_MapsItsLinearScore()
    {
        var model = AnswerModel.Read(Stream(Model("\"isotonic\": {\"mins\": [-1, 1], \"maxes\": [0, 2], \"values\": [0.2, 0.6]}")));
        var features = new float[AnswerModel.AnswerFeatureNames.Count];
        features[AnswerModel.AnswerFeatureNames.ToList().IndexOf("margin")] = 1.5f;

        // Linear score 2 × 1.5 - 1 = 2, inside the second interval.
        Assert.Equal(0.6, model.Answer.Probability(features), 6);
        // The rules pick's calibration has no map: the logistic function of its score.
        Assert.Equal(1 / (1 + Math.Exp(-2.0)), model.RulesAnswer.Probability(features), 6);
    }

    [Fact]
    public void Read_AnIsotonicMapWhoseValuesDecrease_IsRejected()
    {
        var error = Assert.Throws<FormatException>(() =>
            AnswerModel.Read(Stream(Model("\"isotonic\": {\"mins\": [-1, 1], \"maxes\": [0, 2], \"values\": [0.6, 0.2]}"))));

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    private static string Model(string isotonic) => $$$"""
        {"threshold": 0.5, "rulesThreshold": 0.5,
         "sentence": {"features": ["passageRank"], "trees": [{"feature": [0], "threshold": [0.5], "left": [-1], "right": [-2], "leaves": [-1, 1]}], "bias": 0, "plattSlope": -1, "plattOffset": 0},
         "answer": {"features": ["margin"], "weights": [2], "bias": -1, {{{isotonic}}}},
         "rulesAnswer": {"features": ["margin"], "weights": [2], "bias": -1}}
        """;

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
