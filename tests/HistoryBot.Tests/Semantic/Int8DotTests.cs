using HistoryBot.Core.Semantic;

namespace HistoryBot.Tests.Semantic;

public sealed class Int8DotTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(384)]
    [InlineData(1000)]
    public void Dot_AnyLength_EqualsComponentByComponentSum(int length)
    {
        // Lengths on both sides of every vector width (16, 32, 64 components), so the SIMD loops and the tail all run.
        var random = new Random(length);
        var query = Enumerable.Range(0, length).Select(_ => (random.NextSingle() * 2) - 1).ToArray();
        var row = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();

        var expected = 0.0;
        var magnitude = 0.0;
        for (var i = 0; i < length; i++)
        {
            expected += query[i] * (double)row[i];
            magnitude += Math.Abs(query[i] * (double)row[i]);
        }

        // Single-precision sums in the order of the machine's vector width (16, 32 or 64 lanes): allow their rounding,
        // a hundred-thousandth of the summed magnitudes, but not a lost or doubled component (each is 32 on average,
        // the allowance at most 0.4).
        Assert.Equal(expected, Int8Dot.Dot(query, row), (1e-5 * magnitude) + 1e-6);
    }

    [Fact]
    public void Dot_ExtremeComponents_DoNotOverflow()
    {
        var query = Enumerable.Repeat(-1f, 384).ToArray();
        var row = Enumerable.Repeat((sbyte)-128, 384).ToArray();

        Assert.Equal(384 * 128f, Int8Dot.Dot(query, row));
    }

    [Fact]
    public void Dot_LengthsDiffer_Throws() =>
        Assert.Throws<ArgumentException>(() => Int8Dot.Dot(new float[4], new sbyte[5]));

    [Fact]
    public void InverseNorm_ZeroRowIsZero_OtherwiseOneOverLength()
    {
        Assert.Equal(0f, Int8Dot.InverseNorm(new sbyte[8]));
        Assert.Equal(0.2f, Int8Dot.InverseNorm([3, 4]), 6);
    }
}
