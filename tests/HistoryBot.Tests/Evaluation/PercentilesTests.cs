using HistoryBot.Core.Evaluation;

namespace HistoryBot.Tests.Evaluation;

public sealed class PercentilesTests
{
    [Theory]
    [InlineData(0.50, 50)]
    [InlineData(0.95, 95)]
    [InlineData(0.99, 99)]
    [InlineData(1.00, 100)]
    [InlineData(0.001, 1)]
    public void NearestRank_OneToHundred_IsTheValueAtTheRank(double p, double expected)
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        Assert.Equal(expected, Percentiles.NearestRank(sorted, p));
    }

    [Fact]
    public void NearestRank_EvenCount_TakesTheLowerMiddleRatherThanInterpolating()
    {
        Assert.Equal(2, Percentiles.NearestRank([1, 2, 10, 20], 0.5));
    }

    [Fact]
    public void NearestRank_OneValue_IsThatValue()
    {
        Assert.Equal(7, Percentiles.NearestRank([7], 0.99));
    }

    [Fact]
    public void NearestRank_NoValues_IsNaN()
    {
        Assert.True(double.IsNaN(Percentiles.NearestRank([], 0.5)));
    }
}
