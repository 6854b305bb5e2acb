using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HistoryBot.Core.Semantic;

/// <summary>
/// Dot products of a float query with int8 rows. Written by hand because <c>TensorPrimitives</c> has no mixed
/// float-by-sbyte dot product: converting each row to floats first would double the passes over it. The rows are widened
/// int8 → int16 → int32 → float in registers (64 components at a time on AVX-512, 32 on AVX2/NEON) and multiplied-added.
/// </summary>
internal static class Int8Dot
{
    /// <summary>Σ query[i] · row[i] (the lengths must be equal).</summary>
    public static float Dot(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> row)
    {
        if (query.Length != row.Length)
        {
            throw new ArgumentException($"The query has {query.Length} components, the row {row.Length}.", nameof(row));
        }

        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r = ref MemoryMarshal.GetReference(row);
        var n = row.Length;
        var i = 0;
        var sum = 0f;
        if (Vector512.IsHardwareAccelerated && n >= 64)
        {
            var a0 = Vector512<float>.Zero;
            var a1 = Vector512<float>.Zero;
            var a2 = Vector512<float>.Zero;
            var a3 = Vector512<float>.Zero;
            for (; i <= n - 64; i += 64)
            {
                var (lo, hi) = Vector512.Widen(Vector512.LoadUnsafe(ref r, (nuint)i));
                var (w0, w1) = Vector512.Widen(lo);
                var (w2, w3) = Vector512.Widen(hi);
                a0 = Vector512.MultiplyAddEstimate(Vector512.ConvertToSingle(w0), Vector512.LoadUnsafe(ref q, (nuint)i), a0);
                a1 = Vector512.MultiplyAddEstimate(Vector512.ConvertToSingle(w1), Vector512.LoadUnsafe(ref q, (nuint)(i + 16)), a1);
                a2 = Vector512.MultiplyAddEstimate(Vector512.ConvertToSingle(w2), Vector512.LoadUnsafe(ref q, (nuint)(i + 32)), a2);
                a3 = Vector512.MultiplyAddEstimate(Vector512.ConvertToSingle(w3), Vector512.LoadUnsafe(ref q, (nuint)(i + 48)), a3);
            }

            sum = Vector512.Sum((a0 + a1) + (a2 + a3));
        }
        else if (Vector256.IsHardwareAccelerated && n >= 32)
        {
            var a0 = Vector256<float>.Zero;
            var a1 = Vector256<float>.Zero;
            var a2 = Vector256<float>.Zero;
            var a3 = Vector256<float>.Zero;
            for (; i <= n - 32; i += 32)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref r, (nuint)i));
                var (w0, w1) = Vector256.Widen(lo);
                var (w2, w3) = Vector256.Widen(hi);
                a0 = Vector256.MultiplyAddEstimate(Vector256.ConvertToSingle(w0), Vector256.LoadUnsafe(ref q, (nuint)i), a0);
                a1 = Vector256.MultiplyAddEstimate(Vector256.ConvertToSingle(w1), Vector256.LoadUnsafe(ref q, (nuint)(i + 8)), a1);
                a2 = Vector256.MultiplyAddEstimate(Vector256.ConvertToSingle(w2), Vector256.LoadUnsafe(ref q, (nuint)(i + 16)), a2);
                a3 = Vector256.MultiplyAddEstimate(Vector256.ConvertToSingle(w3), Vector256.LoadUnsafe(ref q, (nuint)(i + 24)), a3);
            }

            sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        }
        else if (Vector128.IsHardwareAccelerated && n >= 16)
        {
            var a0 = Vector128<float>.Zero;
            var a1 = Vector128<float>.Zero;
            for (; i <= n - 16; i += 16)
            {
                var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref r, (nuint)i));
                var (w0, w1) = Vector128.Widen(lo);
                var (w2, w3) = Vector128.Widen(hi);
                a0 = Vector128.MultiplyAddEstimate(Vector128.ConvertToSingle(w0), Vector128.LoadUnsafe(ref q, (nuint)i), a0);
                a1 = Vector128.MultiplyAddEstimate(Vector128.ConvertToSingle(w1), Vector128.LoadUnsafe(ref q, (nuint)(i + 4)), a1);
                a0 = Vector128.MultiplyAddEstimate(Vector128.ConvertToSingle(w2), Vector128.LoadUnsafe(ref q, (nuint)(i + 8)), a0);
                a1 = Vector128.MultiplyAddEstimate(Vector128.ConvertToSingle(w3), Vector128.LoadUnsafe(ref q, (nuint)(i + 12)), a1);
            }

            sum = Vector128.Sum(a0 + a1);
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref q, i) * Unsafe.Add(ref r, i);
        }

        return sum;
    }

    /// <summary>1 / |row| (0 for a zero row): scales a row's dot product to the cosine of its direction.</summary>
    public static float InverseNorm(ReadOnlySpan<sbyte> row)
    {
        long squares = 0;
        foreach (var x in row)
        {
            squares += x * x;
        }

        return squares == 0 ? 0f : (float)(1.0 / Math.Sqrt(squares));
    }
}
