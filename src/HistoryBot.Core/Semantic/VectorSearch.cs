namespace HistoryBot.Core.Semantic;

/// <summary>A row of a <see cref="VectorSearch"/> matrix and its score (cosine to the query).</summary>
internal readonly record struct VectorHit(int Index, float Score);

/// <summary>
/// Exact (brute-force) top-k by cosine over the int8 rows of an <see cref="Int8Matrix"/> (in memory or memory-mapped),
/// with SIMD dot products (<see cref="Int8Dot"/>) and, for large matrices, the rows split over the cores. Immutable and
/// thread-safe.
/// </summary>
internal sealed class VectorSearch
{
    /// <summary>Below this many rows a search runs on one thread: splitting would cost more than it saves.</summary>
    public const int ParallelThreshold = 16_384;

    /// <summary>Rows per parallel slice: small enough that a core held up elsewhere does not hold up the search.</summary>
    private const int SliceRows = 32_768;

    private readonly Int8Matrix _matrix;

    public VectorSearch(Int8Matrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        _matrix = matrix;
    }

    /// <summary>Quantizes a row-major float matrix (Count × <paramref name="dimensions"/>) to int8 rows.</summary>
    public VectorSearch(ReadOnlySpan<float> matrix, int dimensions)
        : this(Quantize(matrix, dimensions))
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
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; expected {Dimensions}.", nameof(query));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(k);
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

    /// <summary>The best <c>capacity</c> hits so far, on .NET's <see cref="PriorityQueue{TElement, TPriority}"/>.</summary>
    private sealed class TopKHeap(int capacity)
    {
        // The queue's root is its least element; ordering worst-first keeps the worst of the kept hits there.
        private static readonly Comparer<VectorHit> WorstFirst = Comparer<VectorHit>.Create((a, b) => Better(a, b) ? 1 : Better(b, a) ? -1 : 0);

        private readonly PriorityQueue<VectorHit, VectorHit> _queue = new(capacity, WorstFirst);

        public IEnumerable<VectorHit> Items => _queue.UnorderedItems.Select(item => item.Element);

        public bool IsFull => _queue.Count >= capacity;

        public float WorstScore => _queue.Peek().Score;

        /// <summary>Keeps the hit if it is among the best so far; says whether it was kept.</summary>
        public bool Offer(int index, float score)
        {
            var hit = new VectorHit(index, score);
            if (_queue.Count < capacity)
            {
                _queue.Enqueue(hit, hit);
                return true;
            }

            if (Better(hit, _queue.Peek()))
            {
                _queue.DequeueEnqueue(hit, hit);
                return true;
            }

            return false;
        }

        public IReadOnlyList<VectorHit> ToSortedList()
        {
            var result = Items.ToArray();
            Array.Sort(result, (a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0);
            return result;
        }

        // Higher score first; on a tie the lower index, so results do not depend on partitioning.
        private static bool Better(VectorHit a, VectorHit b) => a.Score > b.Score || (a.Score == b.Score && a.Index < b.Index);
    }
}
