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
            .Select(i =>
            {
                var dot = 0f;
                for (var j = 0; j < dimensions; j++)
                {
                    dot += matrix[i * dimensions + j] * query[j];
                }

                return (Index: i, Score: dot);
            })
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
            Assert.Equal(TensorPrimitives.Dot(matrix.AsSpan(i * 6, 6), query), scores[i], 5);
        }
    }
}
