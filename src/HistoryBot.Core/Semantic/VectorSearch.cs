using System.Numerics.Tensors;

namespace HistoryBot.Core.Semantic;

/// <summary>A row of a <see cref="VectorSearch"/> matrix and its score (dot product; cosine for unit vectors).</summary>
internal readonly record struct VectorHit(int Index, float Score);

/// <summary>
/// Exact (brute-force) top-k by dot product over a row-major matrix of vectors, with SIMD dot products
/// (<see cref="TensorPrimitives"/>) and, for large matrices, one partition per core. Immutable and thread-safe.
/// For unit vectors the score is the cosine similarity.
/// </summary>
internal sealed class VectorSearch
{
    /// <summary>Below this many rows a search runs on one thread: splitting would cost more than it saves.</summary>
    public const int ParallelThreshold = 16_384;

    private readonly ReadOnlyMemory<float> _matrix;

    /// <param name="matrix">Count × <paramref name="dimensions"/> floats, row after row. Not copied: do not change it.</param>
    public VectorSearch(ReadOnlyMemory<float> matrix, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (matrix.Length % dimensions != 0)
        {
            throw new ArgumentException($"The matrix length {matrix.Length} is not a multiple of {dimensions}.", nameof(matrix));
        }

        _matrix = matrix;
        Dimensions = dimensions;
        Count = matrix.Length / dimensions;
    }

    public int Dimensions { get; }

    public int Count { get; }

    public ReadOnlySpan<float> Row(int index) => _matrix.Span.Slice(index * Dimensions, Dimensions);

    /// <summary>
    /// The <paramref name="k"/> best rows, best first; equal scores keep the lower index first.
    /// Rows scoring below <paramref name="minScore"/> are left out.
    /// </summary>
    public IReadOnlyList<VectorHit> TopK(ReadOnlySpan<float> query, int k, float minScore = float.NegativeInfinity)
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

        var partitions = Count >= ParallelThreshold ? Math.Min(Environment.ProcessorCount, Count / (ParallelThreshold / 2)) : 1;
        if (partitions <= 1)
        {
            var heap = new TopKHeap(k);
            Scan(query, 0, Count, minScore, heap);
            return heap.ToSortedList();
        }

        // Each partition keeps its own top k; the union of those holds the overall top k.
        var queryCopy = query.ToArray();
        var heaps = new TopKHeap[partitions];
        var size = (Count + partitions - 1) / partitions;
        Parallel.For(0, partitions, p =>
        {
            var heap = new TopKHeap(k);
            var from = p * size;
            Scan(queryCopy, from, Math.Min(Count, from + size), minScore, heap);
            heaps[p] = heap;
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

        var matrix = _matrix.Span;
        for (var i = 0; i < Count; i++)
        {
            scores[i] = TensorPrimitives.Dot(matrix.Slice(i * Dimensions, Dimensions), query);
        }
    }

    private void Scan(ReadOnlySpan<float> query, int from, int to, float minScore, TopKHeap heap)
    {
        var matrix = _matrix.Span;
        var dims = Dimensions;
        for (var i = from; i < to; i++)
        {
            var score = TensorPrimitives.Dot(matrix.Slice(i * dims, dims), query);
            if (score >= minScore)
            {
                heap.Offer(i, score);
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

        public void Offer(int index, float score)
        {
            var hit = new VectorHit(index, score);
            if (_queue.Count < capacity)
            {
                _queue.Enqueue(hit, hit);
            }
            else if (Better(hit, _queue.Peek()))
            {
                _queue.DequeueEnqueue(hit, hit);
            }
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
