using System.Numerics;

namespace HistoryBot.Core.Semantic;

/// <summary>
/// One bit per component of every row of an <see cref="Int8Matrix"/>: whether the row's unit vector lies above the rows'
/// mean in that component. Two vectors pointing the same way differ in few bits, so the Hamming distance between a
/// query's code and a row's code ranks the rows roughly as their cosine does, reading 48 bytes a row instead of 384.
/// <see cref="VectorSearch"/> uses it to shortlist rows on large matrices and scores the shortlist exactly. Centring on
/// the mean matters: sentence embeddings share a common direction, and uncentred signs would be nearly the same in every
/// row. Written by hand because no package served here builds binary codes over memory-mapped int8 rows. Immutable and
/// thread-safe once built.
/// </summary>
internal sealed class SignCodes
{
    private const int SliceRows = 32_768;

    private readonly ulong[] _codes;
    private readonly float[] _mean;

    private SignCodes(ulong[] codes, float[] mean, int count, int words)
    {
        _codes = codes;
        _mean = mean;
        Count = count;
        Words = words;
    }

    public int Count { get; }

    /// <summary>64-bit words per code.</summary>
    public int Words { get; }

    /// <summary>The codes' memory, for the figures a benchmark prints.</summary>
    public long Bytes => _codes.LongLength * sizeof(ulong);

    /// <summary>Reads every row twice (its mean, then its bits), the slices on all cores.</summary>
    public static SignCodes Build(Int8Matrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var dimensions = matrix.Dimensions;
        var words = (dimensions + 63) / 64;
        var slices = (matrix.Count + SliceRows - 1) / SliceRows;

        var sums = new double[slices][];
        Parallel.For(0, slices, s =>
        {
            var sum = new double[dimensions];
            for (var i = s * SliceRows; i < Math.Min(matrix.Count, (s + 1) * SliceRows); i++)
            {
                var row = matrix.Row(i);
                var scale = (double)matrix.InverseNorm(i);
                for (var d = 0; d < dimensions; d++)
                {
                    sum[d] += row[d] * scale;
                }
            }

            sums[s] = sum;
        });
        var mean = new float[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            mean[d] = matrix.Count == 0 ? 0 : (float)(sums.Sum(sum => sum[d]) / matrix.Count);
        }

        var codes = new ulong[(long)matrix.Count * words];
        Parallel.For(0, slices, s =>
        {
            for (var i = s * SliceRows; i < Math.Min(matrix.Count, (s + 1) * SliceRows); i++)
            {
                // The row's unit vector against the mean, as the query's is.
                var inverseNorm = matrix.InverseNorm(i);
                var row = matrix.Row(i);
                var code = codes.AsSpan(i * words, words);
                for (var d = 0; d < dimensions; d++)
                {
                    if (row[d] * inverseNorm > mean[d])
                    {
                        code[d >> 6] |= 1UL << (d & 63);
                    }
                }
            }
        });
        GC.KeepAlive(matrix);
        return new SignCodes(codes, mean, matrix.Count, words);
    }

    /// <summary>The code of a unit query, into <paramref name="code"/> (<see cref="Words"/> long).</summary>
    public void Encode(ReadOnlySpan<float> query, Span<ulong> code)
    {
        if (query.Length != _mean.Length || code.Length != Words)
        {
            throw new ArgumentException("The query or the code has the wrong length.");
        }

        code.Clear();
        for (var d = 0; d < query.Length; d++)
        {
            if (query[d] > _mean[d])
            {
                code[d >> 6] |= 1UL << (d & 63);
            }
        }
    }

    /// <summary>
    /// The Hamming distance of <paramref name="query"/> to each row in [<paramref name="from"/>, <paramref name="to"/>),
    /// into <paramref name="distances"/> (indexed by row), counted into <paramref name="histogram"/> (one slot per distance).
    /// </summary>
    public void Distances(ReadOnlySpan<ulong> query, int from, int to, Span<ushort> distances, Span<int> histogram)
    {
        var codes = _codes.AsSpan();
        for (var i = from; i < to; i++)
        {
            var code = codes.Slice(i * Words, Words);
            var distance = 0;
            for (var w = 0; w < code.Length; w++)
            {
                distance += BitOperations.PopCount(code[w] ^ query[w]);
            }

            distances[i] = (ushort)distance;
            histogram[distance]++;
        }
    }
}
