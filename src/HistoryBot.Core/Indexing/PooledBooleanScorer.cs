using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// Lucene's out-of-order disjunction scorer (<c>BooleanScorer</c>: optional and prohibited clauses, scored in windows of
/// 2,048 documents through a bucket table), with its table kept per thread instead of built per segment and query.
/// Lucene.Net's table is 2,048 bucket objects: 160 KB allocated for every query on a two-segment index, 83% of all the
/// bytes a keyword search allocates, so a gen-0 collection every few queries landed in the slowest ones. The table here
/// is five arrays reset with one fill; the scoring, the order in which clauses add to a score and the hits are Lucene's.
/// </summary>
internal sealed class PooledBooleanScorer : BulkScorer
{
    private const int ProhibitedMask = 1;

    [ThreadStatic]
    private static BucketTable? t_spare;

    private readonly SubScorer? _scorers;
    private readonly float[] _coordFactors;
    private readonly int _minShouldMatch;
    private readonly Weight _weight;
    private BucketTable? _table;
    private int _end;
    private int _current = -1;

    public PooledBooleanScorer(
        Weight weight, IReadOnlyList<BulkScorer> optional, IReadOnlyList<BulkScorer> prohibited, float[] coordFactors, int minShouldMatch)
    {
        _weight = weight;
        _coordFactors = coordFactors;
        _minShouldMatch = minShouldMatch;
        _table = t_spare ?? new BucketTable();
        t_spare = null;
        _table.Reset();

        // Linked as Lucene links them (each new one in front), so a document's score adds up its clauses in Lucene's order.
        foreach (var scorer in optional)
        {
            _scorers = new SubScorer(scorer, new BucketCollector(0, _table), _scorers);
        }

        foreach (var scorer in prohibited)
        {
            _scorers = new SubScorer(scorer, new BucketCollector(ProhibitedMask, _table), _scorers);
        }
    }

    public override bool Score(ICollector collector, int max)
    {
        var table = _table ?? throw new InvalidOperationException("This scorer has already scored every document.");
        var current = new CurrentHit(_weight);
        collector.SetScorer(current);
        bool more;
        do
        {
            table.First = -1;
            while (_current >= 0)
            {
                var i = _current;
                if ((table.Bits[i] & ProhibitedMask) == 0)
                {
                    if (table.Doc[i] >= max)
                    {
                        // Beyond this call's range: back on the list for the next call.
                        _current = table.Next[i];
                        table.Next[i] = table.First;
                        table.First = i;
                        continue;
                    }

                    if (table.Coord[i] >= _minShouldMatch)
                    {
                        current.Set(table.Doc[i], (float)(table.Score[i] * _coordFactors[table.Coord[i]]), table.Coord[i]);
                        collector.Collect(table.Doc[i]);
                    }
                }

                _current = table.Next[i];
            }

            if (table.First >= 0)
            {
                _current = table.First;
                table.First = table.Next[_current];
                return true;
            }

            more = false;
            _end += BucketTable.Size;
            for (var sub = _scorers; sub is not null; sub = sub.Next)
            {
                if (sub.More)
                {
                    sub.More = sub.Scorer.Score(sub.Collector, _end);
                    more |= sub.More;
                }
            }

            _current = table.First;
        }
        while (_current >= 0 || more);

        // Done: the table goes back to this thread's spare for the next segment or query.
        _table = null;
        t_spare = table;
        return false;
    }

    /// <summary>Scores and clause bits of the documents of one window, chained into a list of the ones hit.</summary>
    private sealed class BucketTable
    {
        public const int Size = 1 << 11;
        public const int Mask = Size - 1;

        public readonly int[] Doc = new int[Size];
        public readonly double[] Score = new double[Size];
        public readonly int[] Bits = new int[Size];
        public readonly int[] Coord = new int[Size];
        public readonly int[] Next = new int[Size];
        public int First = -1;

        public void Reset()
        {
            Array.Fill(Doc, -1);
            First = -1;
        }
    }

    /// <summary>Adds one clause's hits to the table (Lucene's <c>BooleanScorerCollector</c>).</summary>
    private sealed class BucketCollector(int mask, BucketTable table) : ICollector
    {
        private Scorer? _scorer;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context)
        {
        }

        public void Collect(int doc)
        {
            var i = doc & BucketTable.Mask;
            if (table.Doc[i] != doc)
            {
                table.Doc[i] = doc;
                table.Score[i] = _scorer!.GetScore();
                table.Bits[i] = mask;
                table.Coord[i] = 1;
                table.Next[i] = table.First;
                table.First = i;
            }
            else
            {
                table.Score[i] += _scorer!.GetScore();
                table.Bits[i] |= mask;
                table.Coord[i]++;
            }
        }
    }

    private sealed class SubScorer(BulkScorer scorer, ICollector collector, SubScorer? next)
    {
        public BulkScorer Scorer { get; } = scorer;

        public ICollector Collector { get; } = collector;

        public SubScorer? Next { get; } = next;

        public bool More { get; set; } = true;
    }

    /// <summary>The hit being collected, as the collector's scorer sees it.</summary>
    private sealed class CurrentHit(Weight weight) : Scorer(weight)
    {
        private int _doc = -1;
        private float _score;
        private int _freq;

        public void Set(int doc, float score, int freq) => (_doc, _score, _freq) = (doc, score, freq);

        public override int DocID => _doc;

        public override float GetScore() => _score;

        public override int Freq => _freq;

        public override int NextDoc() => throw new NotSupportedException();

        public override int Advance(int target) => throw new NotSupportedException();

        public override long GetCost() => 1;
    }
}
