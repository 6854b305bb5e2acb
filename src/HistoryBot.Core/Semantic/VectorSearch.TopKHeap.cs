namespace HistoryBot.Core.Semantic;

internal sealed partial class VectorSearch
{
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
