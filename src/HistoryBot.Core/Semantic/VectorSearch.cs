using System.Buffers;

namespace HistoryBot.Core.Semantic;

/// <summary>A row of a <see cref="VectorSearch"/> matrix and its score (cosine to the query).</summary>
internal readonly record struct VectorHit(int Index, float Score);

/// <summary>
/// Top-k by cosine over the int8 rows of an <see cref="Int8Matrix"/> (in memory or memory-mapped), with SIMD dot
/// products (<see cref="Int8Dot"/>) and, for large matrices, the rows split over the cores. Exact (brute force) below
/// <see cref="ApproximateFrom"/> rows. From there on, a scan of every row costs too much memory traffic (a million rows
/// are 375 MB a question: 30 ms on a 2-core machine whose memory delivers 13 GB/s), so the rows are first ranked by the
/// Hamming distance of their <see cref="SignCodes"/> (48 bytes a row), and only the nearest fifth is scored exactly,
/// prefetched a few rows ahead. Immutable and thread-safe.
/// </summary>
internal sealed partial class VectorSearch
{
    /// <summary>Below this many rows a search runs on one thread: splitting would cost more than it saves.</summary>
    public const int ParallelThreshold = 16_384;

    /// <summary>
    /// From this many rows up, searches are shortlisted by sign codes. Below it the exact scan is fast (200,000 rows:
    /// 3 ms on the 2-core machine, where the rows still fit in its cache) and gives the exact answer; above it the scan's
    /// cost climbs with the rows while the shortlist's stays a fraction of it (300,000 rows: about the same time).
    /// </summary>
    public const int DefaultApproximateFrom = 250_000;

    /// <summary>
    /// The share of the rows shortlisted. Sign codes rank real sentence embeddings only roughly: on 47,179 sentences of
    /// four books (arctic-embed-xs) and 300 questions, the exact top ten were kept at recall 0.897 by a 5 % shortlist,
    /// 0.955 by 10 %, 0.991 by 20 %, 0.997 by 30 %. A fifth still reads less than half the bytes of an exact scan.
    /// </summary>
    private const double ShortlistShare = 0.2;

    /// <summary>Rows shortlisted for each hit asked for, and at least <see cref="MinimumShortlist"/> (small matrices).</summary>
    private const int ShortlistPerHit = 100;

    private const int MinimumShortlist = 2_000;

    /// <summary>How many shortlisted rows ahead of the one being scored are prefetched.</summary>
    private const int PrefetchDistance = 8;

    /// <summary>Rows per parallel slice: small enough that a core held up elsewhere does not hold up the search.</summary>
    private const int SliceRows = 32_768;

    private readonly Int8Matrix _matrix;
    private readonly Lazy<Task<SignCodes>> _codes;

    public VectorSearch(Int8Matrix matrix, int approximateFrom = DefaultApproximateFrom)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentOutOfRangeException.ThrowIfNegative(approximateFrom);
        _matrix = matrix;
        ApproximateFrom = approximateFrom;
        _codes = new Lazy<Task<SignCodes>>(() => Task.Run(() =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var codes = SignCodes.Build(matrix);
            CodeBuildTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            return codes;
        }));
    }

    /// <summary>From how many rows <see cref="TopK"/> shortlists by sign codes.</summary>
    public int ApproximateFrom { get; }

    /// <summary>
    /// Whether <see cref="TopK"/> shortlists (without a filter; a filtered search is always exact) once the sign codes are
    /// built: the first search starts building them in the background and is answered by the exact scan meanwhile, so no
    /// question waits for them (about 2 s at a million rows).
    /// </summary>
    public bool IsApproximate => Shortlists(1);

    /// <summary>How long the sign codes took to build; zero before they are.</summary>
    public TimeSpan CodeBuildTime { get; private set; }

    /// <summary>The sign codes' memory once built (0 before, and for an exact search).</summary>
    public long CodeBytes => ReadyCodes(start: false)?.Bytes ?? 0;

    /// <summary>Builds the sign codes now if <see cref="IsApproximate"/> (a benchmark or a test that needs every search shortlisted).</summary>
    public void BuildShortlist()
    {
        if (IsApproximate)
        {
            _codes.Value.GetAwaiter().GetResult();
        }
    }

    /// <summary>Quantizes a row-major float matrix (Count × <paramref name="dimensions"/>) to int8 rows.</summary>
    public VectorSearch(ReadOnlySpan<float> matrix, int dimensions, int approximateFrom = DefaultApproximateFrom)
        : this(Quantize(matrix, dimensions), approximateFrom)
    {
    }

    public int Dimensions => _matrix.Dimensions;

    public int Count => _matrix.Count;

    /// <summary>The cosine of <paramref name="query"/> to row <paramref name="index"/>.</summary>
    public float Score(ReadOnlySpan<float> query, int index) => _matrix.Cosine(query, index);

    /// <summary>
    /// The <paramref name="k"/> best rows, best first; equal scores keep the lower index first. Rows scoring below
    /// <paramref name="minScore"/>, or for which <paramref name="include"/> (when given) is false, are left out.
    /// </summary>
    public IReadOnlyList<VectorHit> TopK(ReadOnlySpan<float> query, int k, float minScore = float.NegativeInfinity, Func<int, bool>? include = null)
    {
        if (include is null && Shortlists(k) && ReadyCodes(start: true) is { } codes)
        {
            Validate(query, k);
            return ShortlistedTopK(query, Math.Min(k, Count), minScore, codes);
        }

        return ExactTopK(query, k, minScore, include);
    }

    /// <summary><see cref="TopK"/> by scoring every row, whatever the matrix's size.</summary>
    public IReadOnlyList<VectorHit> ExactTopK(ReadOnlySpan<float> query, int k, float minScore = float.NegativeInfinity, Func<int, bool>? include = null)
    {
        Validate(query, k);
        k = Math.Min(k, Count);
        if (k == 0)
        {
            return [];
        }

        var slices = Count >= ParallelThreshold && Environment.ProcessorCount > 1 ? (Count + SliceRows - 1) / SliceRows : 1;
        if (slices <= 1)
        {
            var heap = new TopKHeap(k);
            Scan(query, 0, Count, minScore, include, heap);
            return heap.ToSortedList();
        }

        // Each slice keeps its own top k; the union of those holds the overall top k.
        var queryCopy = query.ToArray();
        var heaps = new TopKHeap[slices];
        Parallel.For(0, slices, s =>
        {
            var heap = new TopKHeap(k);
            var from = s * SliceRows;
            Scan(queryCopy, from, Math.Min(Count, from + SliceRows), minScore, include, heap);
            heaps[s] = heap;
        });

        return Merge(heaps, k);
    }

    /// <summary>The sign codes when built; <paramref name="start"/> starts building them (once) when they are not.</summary>
    private SignCodes? ReadyCodes(bool start)
    {
        if (!start && !_codes.IsValueCreated)
        {
            return null;
        }

        // A build that failed leaves the searches exact.
        return _codes.Value is { IsCompletedSuccessfully: true } built ? built.Result : null;
    }

    /// <summary>Whether a search for <paramref name="k"/> hits shortlists: a large matrix, and a shortlist under half of it.</summary>
    private bool Shortlists(int k) => Count >= ApproximateFrom && Shortlist(k) < Count / 2;

    private int Shortlist(int k) => Math.Max(Math.Max(k * ShortlistPerHit, MinimumShortlist), (int)(Count * ShortlistShare));

    private void Validate(ReadOnlySpan<float> query, int k)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; expected {Dimensions}.", nameof(query));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(k);
    }

    /// <summary>
    /// The rows nearest the query by sign code, scored exactly: every row whose code is at most the cut's distance from
    /// the query's, the cut being the distance at which the rows counted reach the shortlist's size (all rows at the cut
    /// are kept, so the result does not depend on how the rows are sliced). Both passes run over slices on all cores.
    /// </summary>
    private IReadOnlyList<VectorHit> ShortlistedTopK(ReadOnlySpan<float> query, int k, float minScore, SignCodes codes)
    {
        if (k == 0)
        {
            return [];
        }

        var code = new ulong[codes.Words];
        codes.Encode(query, code);
        var queryCopy = query.ToArray();
        var slices = (Count + SliceRows - 1) / SliceRows;
        var distances = ArrayPool<ushort>.Shared.Rent(Count);
        try
        {
            var histograms = new int[slices][];
            Parallel.For(0, slices, s =>
            {
                var histogram = new int[Dimensions + 1];
                codes.Distances(code, s * SliceRows, Math.Min(Count, (s + 1) * SliceRows), distances, histogram);
                histograms[s] = histogram;
            });

            var shortlist = Shortlist(k);
            var cut = 0;
            for (var counted = 0; cut < Dimensions; cut++)
            {
                counted += histograms.Sum(h => h[cut]);
                if (counted >= shortlist)
                {
                    break;
                }
            }

            var heaps = new TopKHeap[slices];
            Parallel.For(0, slices, s =>
            {
                // The slice's shortlisted rows first, so each can be prefetched a few rows before it is scored: they are
                // scattered, and scored one by one each would wait on memory (about 1 ms per 10,000 rows on 2 cores).
                var rows = ArrayPool<int>.Shared.Rent(SliceRows);
                var count = 0;
                for (var i = s * SliceRows; i < Math.Min(Count, (s + 1) * SliceRows); i++)
                {
                    if (distances[i] <= cut)
                    {
                        rows[count++] = i;
                    }
                }

                var heap = new TopKHeap(k);
                var threshold = minScore;
                for (var j = 0; j < count; j++)
                {
                    if (j + PrefetchDistance < count)
                    {
                        _matrix.Prefetch(rows[j + PrefetchDistance]);
                    }

                    var score = _matrix.Cosine(queryCopy, rows[j]);
                    if (score >= threshold && heap.Offer(rows[j], score) && heap.IsFull)
                    {
                        threshold = MathF.BitIncrement(heap.WorstScore);
                    }
                }

                ArrayPool<int>.Shared.Return(rows);
                heaps[s] = heap;
            });

            return Merge(heaps, k);
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(distances);
        }
    }

    private static IReadOnlyList<VectorHit> Merge(TopKHeap[] heaps, int k)
    {
        var merged = new TopKHeap(k);
        foreach (var heap in heaps)
        {
            foreach (var hit in heap.Items)
            {
                merged.Offer(hit.Index, hit.Score);
            }
        }

        return merged.ToSortedList();
    }

    /// <summary>Every row's score, into <paramref name="scores"/> (length <see cref="Count"/>), e.g. for score fusion.</summary>
    public void ScoreAll(ReadOnlySpan<float> query, Span<float> scores)
    {
        if (query.Length != Dimensions || scores.Length < Count)
        {
            throw new ArgumentException("Query or score buffer has the wrong length.");
        }

        for (var i = 0; i < Count; i++)
        {
            scores[i] = _matrix.Cosine(query, i);
        }
    }

    private static Int8Matrix Quantize(ReadOnlySpan<float> matrix, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (matrix.Length % dimensions != 0)
        {
            throw new ArgumentException($"The matrix length {matrix.Length} is not a multiple of {dimensions}.", nameof(matrix));
        }

        var result = Int8Matrix.Allocate(matrix.Length / dimensions, dimensions);
        for (var i = 0; i < result.Count; i++)
        {
            result.SetRow(i, matrix.Slice(i * dimensions, dimensions));
        }

        return result;
    }

    private void Scan(ReadOnlySpan<float> query, int from, int to, float minScore, Func<int, bool>? include, TopKHeap heap)
    {
        // Rows are visited in index order, so a row scoring only as well as the worst kept one never displaces it.
        var threshold = minScore;
        for (var i = from; i < to; i++)
        {
            var score = _matrix.Cosine(query, i);
            if (score >= threshold && (include is null || include(i)) && heap.Offer(i, score) && heap.IsFull)
            {
                threshold = MathF.BitIncrement(heap.WorstScore);
            }
        }
    }
}
