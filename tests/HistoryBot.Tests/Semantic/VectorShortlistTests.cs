using HistoryBot.Core.Semantic;

namespace HistoryBot.Tests.Semantic;

/// <summary>Large matrices are searched through a sign-code shortlist; what it must keep of the exact scan.</summary>
public sealed class VectorShortlistTests
{
    private const int Dimensions = 384;

    /// <summary>
    /// Rows like sentence embeddings: all share one direction (as a model's vectors do), fall into topics, and vary
    /// within a topic. Queries are drawn near a topic, as a question is.
    /// </summary>
    private static (float[] Matrix, float[][] Queries) Embeddings(int rows, int queries, double shared)
    {
        var random = new Random(7);
        var common = SemanticTestData.RandomUnitVector(random, Dimensions);
        var topics = Enumerable.Range(0, 64).Select(_ => SemanticTestData.RandomUnitVector(random, Dimensions)).ToArray();
        float[] Near(float[] topic)
        {
            var noise = SemanticTestData.RandomUnitVector(random, Dimensions);
            var v = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++)
            {
                v[d] = (float)((shared * common[d]) + (0.6 * topic[d]) + (0.5 * noise[d]));
            }

            VectorMath.Normalize(v);
            return v;
        }

        var matrix = new float[rows * Dimensions];
        for (var r = 0; r < rows; r++)
        {
            Near(topics[random.Next(topics.Length)]).CopyTo(matrix, r * Dimensions);
        }

        return (matrix, [.. Enumerable.Range(0, queries).Select(_ => Near(topics[random.Next(topics.Length)]))]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.0)]
    [InlineData(6.0)] // A dominant shared direction: uncentred sign bits would be alike in every row (recall 0.89).
    public void TopK_Shortlisted_KeepsNearlyAllOfTheExactTopTen(double shared)
    {
        var (matrix, queries) = Embeddings(60_000, 20, shared);
        var search = new VectorSearch(matrix, Dimensions, approximateFrom: 0);
        search.BuildShortlist();

        var found = queries.Sum(q => search.TopK(q, 20).Take(10).Select(h => h.Index)
            .Intersect(search.ExactTopK(q, 10).Select(h => h.Index)).Count());

        Assert.True(search.IsApproximate);
        Assert.True(found >= 0.98 * 10 * queries.Length, $"recall@10 {found / (10.0 * queries.Length):F3}");
    }

    [Fact]
    public void TopK_Shortlisted_ScoresItsHitsExactlyAndInOrder()
    {
        var (matrix, queries) = Embeddings(10_000, 5, 1.0);
        var search = new VectorSearch(matrix, Dimensions, approximateFrom: 0);
        search.BuildShortlist();

        foreach (var query in queries)
        {
            var hits = search.TopK(query, 20);

            Assert.Equal(20, hits.Count);
            Assert.All(hits, h => Assert.Equal(search.Score(query, h.Index), h.Score));
            Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        }
    }

    [Fact]
    public void TopK_WithAFilter_IsExactEvenOnALargeMatrix()
    {
        var (matrix, queries) = Embeddings(10_000, 3, 1.0);
        var search = new VectorSearch(matrix, Dimensions, approximateFrom: 0);
        search.BuildShortlist();

        foreach (var query in queries)
        {
            Assert.Equal(search.ExactTopK(query, 10, include: i => i % 3 == 0), search.TopK(query, 10, include: i => i % 3 == 0));
        }
    }

    [Fact]
    public void TopK_BeforeTheCodesAreBuilt_IsExactAndStartsBuildingThem()
    {
        var (matrix, queries) = Embeddings(20_000, 1, 1.0);
        var search = new VectorSearch(matrix, Dimensions, approximateFrom: 0);

        Assert.Equal(search.ExactTopK(queries[0], 20), search.TopK(queries[0], 20));
        Assert.True(SpinWait.SpinUntil(() => search.CodeBytes > 0, TimeSpan.FromSeconds(60)), "the codes were never built");
        Assert.Equal(20_000 * 6 * sizeof(ulong), search.CodeBytes);
    }

    [Fact]
    public void TopK_BelowTheThreshold_IsTheExactScan()
    {
        var (matrix, queries) = Embeddings(10_000, 3, 1.0);
        var search = new VectorSearch(matrix, Dimensions);

        Assert.False(search.IsApproximate);
        Assert.All(queries, q => Assert.Equal(search.ExactTopK(q, 20), search.TopK(q, 20)));
        Assert.Equal(0, search.CodeBytes);
    }

    [Fact]
    public void TopK_ShortlistAsLargeAsHalfTheMatrix_ScansExactly()
    {
        // 2,000 rows shortlisted of 3,000: the shortlist would save nothing.
        var (matrix, queries) = Embeddings(3_000, 3, 1.0);
        var search = new VectorSearch(matrix, Dimensions, approximateFrom: 0);

        Assert.False(search.IsApproximate);
        Assert.All(queries, q => Assert.Equal(search.ExactTopK(q, 20), search.TopK(q, 20)));
    }
}
