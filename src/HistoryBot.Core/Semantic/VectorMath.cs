using System.Numerics.Tensors;

namespace HistoryBot.Core.Semantic;

/// <summary>Small SIMD helpers over float vectors.</summary>
internal static class VectorMath
{
    /// <summary>Scales <paramref name="vector"/> to unit length in place (a zero vector stays zero).</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    /// <summary>The normalized mean of <paramref name="vectors"/>: a cheap stand-in for embedding their concatenation.</summary>
    public static float[] NormalizedMean(IReadOnlyList<ReadOnlyMemory<float>> vectors, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var mean = new float[dimensions];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(mean, vector.Span, mean);
        }

        Normalize(mean);
        return mean;
    }
}
