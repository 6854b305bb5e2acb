namespace HistoryBot.Core.Evaluation;

/// <summary>
/// The one percentile definition used by `eval` and `bench`: nearest rank (the smallest value with at least p of the
/// values at or below it), as the Lucene Java reference harness computes it, so "p95" means the same everywhere.
/// </summary>
public static class Percentiles
{
    /// <summary>The nearest-rank percentile <paramref name="p"/> (in [0, 1]) of ascending values; NaN when there are none.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
