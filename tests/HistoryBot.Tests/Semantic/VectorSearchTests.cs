using System.Numerics.Tensors;
using HistoryBot.Core.Semantic;

namespace HistoryBot.Tests.Semantic;

public sealed class VectorSearchTests
{
    [Theory]
    [InlineData(1, 8, 1)]
    [InlineData(100, 8, 10)]
    [InlineData(1_000, 32, 7)]
    [InlineData(40_000, 24, 25)] // Above the parallel threshold: partitions are merged.
    public void TopK_RandomMatrix_MatchesNaiveLoop(int rows, int dimensions, int k)
    {
        var random = new Random(rows);
        var matrix = SemanticTestData.RandomMatrix(random, rows, dimensions);
        var query = SemanticTestData.RandomUnitVector(random, dimensions);
        var search = new VectorSearch(matrix, dimensions);

        var hits = search.TopK(query, k);

        var naive = Enumerable.Range(0, rows)
            .Select(i => (Index: i, Score: (float)Int8Cosine(matrix.AsSpan(i * dimensions, dimensions), query)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .Take(k)
            .ToList();
        Assert.Equal(naive.Count, hits.Count);
        for (var i = 0; i < naive.Count; i++)
        {
            Assert.Equal(naive[i].Index, hits[i].Index);
            Assert.Equal(naive[i].Score, hits[i].Score, 4);
        }
    }

    [Fact]
    public void TopK_EqualScores_LowerIndexFirst()
    {
        float[] matrix = [1, 0, 0, 1, 1, 0, 1, 0];
        var search = new VectorSearch(matrix, 2);

        var hits = search.TopK([1f, 0f], 3);

        Assert.Equal([0, 2, 3], hits.Select(h => h.Index));
    }

    [Fact]
    public void TopK_KAboveCount_ReturnsAllSortedByScore()
    {
        var random = new Random(3);
        var search = new VectorSearch(SemanticTestData.RandomMatrix(random, 5, 4), 4);

        var hits = search.TopK(SemanticTestData.RandomUnitVector(random, 4), 50);

        Assert.Equal(5, hits.Count);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void TopK_MinScore_LeavesOutLowerScores()
    {
        float[] matrix = [1, 0, 0, 1, -1, 0];
        var search = new VectorSearch(matrix, 2);

        var hits = search.TopK([1f, 0f], 3, minScore: 0.5f);

        Assert.Equal([0], hits.Select(h => h.Index));
    }

    [Fact]
    public void TopK_QueryOfWrongLength_Throws()
    {
        var search = new VectorSearch(new float[8], 4);

        Assert.Throws<ArgumentException>(() => search.TopK(new float[3], 1));
    }

    [Fact]
    public void Constructor_MatrixNotMultipleOfDimensions_Throws() =>
        Assert.Throws<ArgumentException>(() => new VectorSearch(new float[7], 4));

    [Fact]
    public void ScoreAll_AnyQuery_EqualsDotPerRow()
    {
        var random = new Random(5);
        var matrix = SemanticTestData.RandomMatrix(random, 10, 6);
        var query = SemanticTestData.RandomUnitVector(random, 6);
        var search = new VectorSearch(matrix, 6);
        var scores = new float[10];

        search.ScoreAll(query, scores);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(Int8Cosine(matrix.AsSpan(i * 6, 6), query), scores[i], 5);
            Assert.Equal(TensorPrimitives.Dot(matrix.AsSpan(i * 6, 6), query), scores[i], tolerance: 0.02f);
        }
    }

    [Fact]
    public void TopK_WithFilter_ReturnsOnlyIncludedRowsBestFirst()
    {
        var random = new Random(9);
        var matrix = SemanticTestData.RandomMatrix(random, 40_000, 16);
        var query = SemanticTestData.RandomUnitVector(random, 16);
        var search = new VectorSearch(matrix, 16);

        var hits = search.TopK(query, 10, include: i => i % 3 == 0);

        var expected = search.TopK(query, 40_000).Where(h => h.Index % 3 == 0).Take(10);
        Assert.Equal(expected, hits);
    }

    [Fact]
    public void TopK_FilterExcludingEverything_ReturnsNothing()
    {
        var search = new VectorSearch(SemanticTestData.RandomMatrix(new Random(2), 50, 4), 4);

        Assert.Empty(search.TopK([1f, 0f, 0f, 0f], 5, include: _ => false));
    }

    /// <summary>The cosine of the query to a row's int8-quantised direction, in double precision, one component at a time.</summary>
    private static double Int8Cosine(ReadOnlySpan<float> row, ReadOnlySpan<float> query)
    {
        var quantized = new sbyte[row.Length];
        VectorQuantizer.QuantizeInt8(row, quantized);
        double dot = 0, norm = 0;
        for (var j = 0; j < row.Length; j++)
        {
            dot += quantized[j] * (double)query[j];
            norm += quantized[j] * (double)quantized[j];
        }

        return norm == 0 ? 0 : dot / Math.Sqrt(norm);
    }
}
