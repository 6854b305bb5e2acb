using System.Text;
using HistoryBot.Core.Answering;

namespace HistoryBot.Tests.Answering;

public sealed class TreeEnsembleTests
{
    // Node 0: x0 <= 0.5 ? leaf 0 : node 1; node 1: x1 <= 2 ? leaf 1 : leaf 2.
    private static readonly RegressionTree Tree = new([0, 1], [0.5f, 2f], [-1, -2], [1, -3], [-1.0, 0.5, 2.0], Weight: 1);

    private static readonly TreeEnsemble Ensemble = new(["a", "b"], [Tree, Tree with { Weight = 0.5 }], Bias: 0.25, PlattSlope: -2, PlattOffset: 0.1);

    [Theory]
    [InlineData(0.5f, 9f, -1.5 + 0.25)]
    [InlineData(0.6f, 2f, 0.75 + 0.25)]
    [InlineData(0.6f, 2.5f, 3.0 + 0.25)]
    public void Score_FollowsTheSplitsToALeafPerTree_AndAddsTheBias(float a, float b, double expected) =>
        Assert.Equal(expected, Ensemble.Score([a, b]), 9);

    [Fact]
    public void Probability_IsThePlattCalibrationOfTheScore()
    {
        var score = Ensemble.Score([0.6f, 2.5f]);

        Assert.Equal(1 / (1 + Math.Exp((-2 * score) + 0.1)), Ensemble.Probability([0.6f, 2.5f]), 12);
    }

    [Fact]
    public void ReadingFrom_RewritesTheFeatureIndicesToTheGivenLayout()
    {
        var reordered = Ensemble.ReadingFrom(["x", "b", "a"])!;

        Assert.Equal(Ensemble.Score([0.6f, 2.5f]), reordered.Score([99f, 2.5f, 0.6f]), 12);
    }

    [Fact]
    public void ReadingFrom_AFeatureTheCodeLacks_IsNull() => Assert.Null(Ensemble.ReadingFrom(["a"]));

    [Theory]
    [InlineData(new[] { 0, 1 }, new[] { -1, 0 }, new[] { 1, -3 })]
    [InlineData(new[] { 0, 7 }, new[] { -1, -2 }, new[] { 1, -3 })]
    [InlineData(new[] { 0, 1 }, new[] { -1, -2 }, new[] { 1, -9 })]
    public void IsValid_ACycleOrAnIndexOutOfRange_IsInvalid(int[] feature, int[] left, int[] right) =>
        Assert.False((Tree with { Feature = feature, Left = left, Right = right }).IsValid(2));

    [Fact]
    public void Read_AMalformedModel_IsAFormatError()
    {
        const string cyclic = """
            {"threshold": 0.5,
             "sentence": {"features": ["coverage"], "trees": [{"feature": [0], "threshold": [1], "left": [0], "right": [-1], "leaves": [0, 1]}], "bias": 0, "plattSlope": -1, "plattOffset": 0},
             "answer": {"features": ["margin"], "weights": [1], "bias": 0},
             "rulesThreshold": 0.5,
             "rulesAnswer": {"features": ["margin"], "weights": [1], "bias": 0}}
            """;

        Assert.Throws<FormatException>(() => AnswerModel.Read(new MemoryStream(Encoding.UTF8.GetBytes(cyclic))));
        Assert.Throws<FormatException>(() => AnswerModel.Read(new MemoryStream(Encoding.UTF8.GetBytes(cyclic.Replace("\"coverage\"", "\"noSuchFeature\"").Replace("\"left\": [0]", "\"left\": [-1]")))));
        Assert.Throws<FormatException>(() => AnswerModel.Read(new MemoryStream(Encoding.UTF8.GetBytes("{not json"))));
    }
}

public sealed class LinearCalibrationTests
{
    private static readonly LinearCalibration Calibration = new(["b", "a"], [2.0, -1.0], Bias: 0.5);

    [Fact]
    public void Probability_IsTheLogisticOfTheWeightedFeaturesReadByName()
    {
        var reading = Calibration.ReadingFrom(["a", "x", "b"])!;

        Assert.Equal(1 / (1 + Math.Exp(-(0.5 + (2 * 0.25) - (1 * 3)))), reading.Probability([3f, 99f, 0.25f]), 12);
    }

    [Fact]
    public void Probability_RisesWithAFeatureOfPositiveWeight_AndFallsWithOneOfNegativeWeight()
    {
        var reading = Calibration.ReadingFrom(["a", "b"])!;

        Assert.True(reading.Probability([0f, 1f]) > reading.Probability([0f, 0f]));
        Assert.True(reading.Probability([1f, 0f]) < reading.Probability([0f, 0f]));
    }

    [Fact]
    public void ReadingFrom_AFeatureTheCodeLacks_IsNull() => Assert.Null(Calibration.ReadingFrom(["a"]));

    [Fact]
    public void IsValid_MismatchedOrNonFiniteWeights_IsInvalid()
    {
        Assert.True(Calibration.IsValid());
        Assert.False((Calibration with { Weights = [1.0] }).IsValid());
        Assert.False((Calibration with { Bias = double.NaN }).IsValid());
    }
}
