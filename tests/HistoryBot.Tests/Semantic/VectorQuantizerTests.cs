using System.Numerics.Tensors;
using HistoryBot.Core.Semantic;

namespace HistoryBot.Tests.Semantic;

public sealed class VectorQuantizerTests
{
    [Fact]
    public void QuantizeInt8_RandomUnitVectors_ComponentErrorAtMostHalfAStep()
    {
        var random = new Random(11);
        for (var n = 0; n < 200; n++)
        {
            var v = SemanticTestData.RandomUnitVector(random, 384);
            var q = new sbyte[384];
            var back = new float[384];

            var scale = VectorQuantizer.QuantizeInt8(v, q);
            VectorQuantizer.DequantizeInt8(q, scale, back);

            var maxAbs = v.Max(MathF.Abs);
            Assert.Equal(maxAbs / 127f, scale, 6);
            for (var i = 0; i < v.Length; i++)
            {
                Assert.True(MathF.Abs(v[i] - back[i]) <= scale / 2 + 1e-7f, $"component {i}: {v[i]} vs {back[i]}");
            }
        }
    }

    [Theory]
    [InlineData(nameof(VectorEncoding.Float32), 1.0)]
    [InlineData(nameof(VectorEncoding.Float16), 0.99999)]
    [InlineData(nameof(VectorEncoding.Int8), 0.9995)]
    public void EncodeDecode_RandomUnitVectors_CosineToOriginalAtLeastBound(string encodingName, double bound)
    {
        var encoding = Enum.Parse<VectorEncoding>(encodingName);
        var random = new Random(12);
        var buffer = new byte[VectorQuantizer.EncodedSize(encoding, 384)];
        for (var n = 0; n < 200; n++)
        {
            var v = SemanticTestData.RandomUnitVector(random, 384);
            var back = new float[384];

            VectorQuantizer.Encode(encoding, v, buffer);
            VectorQuantizer.Decode(encoding, buffer, back);

            Assert.True(TensorPrimitives.CosineSimilarity(v, back) >= bound - 1e-6);
            Assert.Equal(1f, TensorPrimitives.Norm(back), 4);
        }
    }

    [Fact]
    public void QuantizeInt8_ZeroVector_ScaleZeroAndDecodesToZero()
    {
        var q = new sbyte[4];
        var back = new float[4];

        var scale = VectorQuantizer.QuantizeInt8(new float[4], q);
        VectorQuantizer.DequantizeInt8(q, scale, back);

        Assert.Equal(0f, scale);
        Assert.All(back, x => Assert.Equal(0f, x));
    }

    [Theory]
    [InlineData(nameof(VectorEncoding.Float32), 1536)]
    [InlineData(nameof(VectorEncoding.Float16), 768)]
    [InlineData(nameof(VectorEncoding.Int8), 388)]
    public void EncodedSize_384Dimensions_IsCompact(string encodingName, int expected) =>
        Assert.Equal(expected, VectorQuantizer.EncodedSize(Enum.Parse<VectorEncoding>(encodingName), 384));
}
