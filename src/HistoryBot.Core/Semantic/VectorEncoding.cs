using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace HistoryBot.Core.Semantic;

/// <summary>How version 1 store files encoded each vector (still read, so an upgrade reuses their vectors).</summary>
internal enum VectorEncoding : byte
{
    /// <summary>4 bytes a component: exact.</summary>
    Float32 = 1,

    /// <summary>2 bytes a component: relative error about 1e-3.</summary>
    Float16 = 2,

    /// <summary>1 byte a component plus a float scale per vector (max |x| / 127): a quarter of float32.</summary>
    Int8 = 3,
}

/// <summary>Encodes and decodes vectors for <see cref="VectorEncoding"/>.</summary>
internal static class VectorQuantizer
{
    /// <summary>Bytes one vector of <paramref name="dimensions"/> takes on disk.</summary>
    public static int EncodedSize(VectorEncoding encoding, int dimensions) => encoding switch
    {
        VectorEncoding.Float32 => 4 * dimensions,
        VectorEncoding.Float16 => 2 * dimensions,
        VectorEncoding.Int8 => 4 + dimensions,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown vector encoding."),
    };

    /// <summary>Writes <paramref name="vector"/> into <paramref name="destination"/> (<see cref="EncodedSize"/> bytes).</summary>
    public static void Encode(VectorEncoding encoding, ReadOnlySpan<float> vector, Span<byte> destination)
    {
        switch (encoding)
        {
            case VectorEncoding.Float32:
                MemoryMarshal.AsBytes(vector).CopyTo(destination);
                break;
            case VectorEncoding.Float16:
                TensorPrimitives.ConvertToHalf(vector, MemoryMarshal.Cast<byte, Half>(destination[..(2 * vector.Length)]));
                break;
            case VectorEncoding.Int8:
                var scale = QuantizeInt8(vector, MemoryMarshal.Cast<byte, sbyte>(destination.Slice(4, vector.Length)));
                BinaryPrimitives.WriteSingleLittleEndian(destination, scale);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown vector encoding.");
        }
    }

    /// <summary>Reads a vector written by <see cref="Encode"/>. Lossy encodings are re-normalized to unit length.</summary>
    public static void Decode(VectorEncoding encoding, ReadOnlySpan<byte> source, Span<float> vector)
    {
        switch (encoding)
        {
            case VectorEncoding.Float32:
                source[..(4 * vector.Length)].CopyTo(MemoryMarshal.AsBytes(vector));
                return;
            case VectorEncoding.Float16:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(source[..(2 * vector.Length)]), vector);
                break;
            case VectorEncoding.Int8:
                var scale = BinaryPrimitives.ReadSingleLittleEndian(source);
                DequantizeInt8(MemoryMarshal.Cast<byte, sbyte>(source.Slice(4, vector.Length)), scale, vector);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown vector encoding.");
        }

        VectorMath.Normalize(vector);
    }

    /// <summary>
    /// Symmetric int8 quantization with one scale per vector: q = round(x / scale), scale = max|x| / 127.
    /// Each component's error is at most scale / 2.
    /// </summary>
    /// <returns>The scale (0 for a zero vector).</returns>
    public static float QuantizeInt8(ReadOnlySpan<float> vector, Span<sbyte> destination)
    {
        var maxAbs = vector.IsEmpty ? 0f : TensorPrimitives.MaxMagnitude(vector);
        maxAbs = MathF.Abs(maxAbs);
        if (!(maxAbs > 0) || !float.IsFinite(maxAbs))
        {
            destination[..vector.Length].Clear();
            return 0f;
        }

        var scale = maxAbs / 127f;
        var inverse = 1f / scale;
        for (var i = 0; i < vector.Length; i++)
        {
            destination[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        }

        return scale;
    }

    /// <summary>The inverse of <see cref="QuantizeInt8"/> (without re-normalization).</summary>
    public static void DequantizeInt8(ReadOnlySpan<sbyte> quantized, float scale, Span<float> destination)
    {
        for (var i = 0; i < quantized.Length; i++)
        {
            destination[i] = quantized[i] * scale;
        }
    }
}
