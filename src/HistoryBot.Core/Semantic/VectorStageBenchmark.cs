using System.Diagnostics;
using HistoryBot.Core.Indexing;

namespace HistoryBot.Core.Semantic;

/// <summary>What <see cref="VectorStageBenchmark.Run"/> measured.</summary>
/// <param name="LatenciesMs">Every timed search's latency, ascending.</param>
/// <param name="ManagedHeapBytes">The managed heap after the timed searches (the vectors themselves are mapped, not in it).</param>
/// <param name="Shortlisted">Whether the searches were shortlisted by sign codes (large stores) rather than exact.</param>
/// <param name="CodeBytes">The sign codes' memory (managed heap), 0 for an exact search.</param>
/// <param name="CodeBuildSeconds">How long the sign codes took to build (once, at the first search), 0 for an exact search.</param>
/// <param name="RecallAt10">The share of the exact scan's ten best rows among the search's first ten, over the queries.</param>
public sealed record VectorBenchmarkResult(
    int Sentences,
    int Dimensions,
    int K,
    double SetupSeconds,
    long StoreBytes,
    IReadOnlyList<double> LatenciesMs,
    double QueriesPerSecond,
    long ManagedHeapBytes,
    bool Shortlisted,
    long CodeBytes,
    double CodeBuildSeconds,
    double RecallAt10);

/// <summary>
/// Times the vector stage alone (the top-k sentence search of hybrid retrieval) on synthetic vectors: clustered unit
/// vectors of the shipped model's size, written as an embedding store, loaded (memory-mapped) as the engine loads one, and
/// searched with queries drawn near the clusters. Says how the stage grows with the corpus, without embedding one.
/// </summary>
public static class VectorStageBenchmark
{
    /// <summary>arctic-embed-xs's dimensions.</summary>
    public const int Dimensions = 384;

    /// <summary>Hits asked for: <see cref="Retrieval.RetrievalOptions.SemanticCandidates"/>'s default.</summary>
    public const int K = 20;

    private const int Clusters = 1024;
    private const int SentencesPerPassage = 5;
    private const int PassagesPerDocument = 200;
    private const int QueryCount = 256;

    /// <summary>
    /// Writes a store of <paramref name="sentences"/> synthetic vectors to <paramref name="folder"/>, loads it, searches it
    /// once per query as warm-up (paging the vectors in), then again until <paramref name="minimumTime"/> has passed.
    /// </summary>
    public static VectorBenchmarkResult Run(int sentences, string folder, TimeSpan minimumTime, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sentences, 1);
        var setup = Stopwatch.StartNew();
        var random = new Random(seed);
        var centres = new float[Clusters * Dimensions];
        for (var c = 0; c < Clusters; c++)
        {
            Point(random, centres.AsSpan(c * Dimensions, Dimensions), centre: null);
        }

        const string model = "synthetic@1";
        var path = EmbeddingStore.PathFor(folder, model);
        Directory.CreateDirectory(folder);
        AtomicFile.Write(path, stream => EmbeddingStoreFormat.Write(
            stream,
            new EmbeddingStoreFormat.Header(model, Dimensions, "synthetic"),
            Layout(sentences),
            sentences,
            (first, destination) =>
            {
                var rowRandom = new Random(seed ^ (first + 1));
                var vector = new float[Dimensions];
                for (var r = 0; r < destination.Length / Dimensions; r++)
                {
                    Point(rowRandom, vector, centres.AsSpan(rowRandom.Next(Clusters) * Dimensions, Dimensions));
                    VectorQuantizer.QuantizeInt8(vector, destination.Slice(r * Dimensions, Dimensions));
                }
            }));
        var store = EmbeddingStore.TryLoad(folder, model, Dimensions, "synthetic")
            ?? throw new InvalidOperationException($"The synthetic store in {path} could not be read back.");
        var queries = new float[QueryCount][];
        for (var q = 0; q < queries.Length; q++)
        {
            queries[q] = new float[Dimensions];
            Point(random, queries[q], centres.AsSpan(random.Next(Clusters) * Dimensions, Dimensions));
        }

        // Warm-up (pages the vectors in; a large store's sign codes are built first), and the recall against the exact scan.
        store.Sentences.Search.BuildShortlist();
        var sink = 0L;
        var found = 0;
        foreach (var query in queries)
        {
            var hits = store.Sentences.Search.TopK(query, K);
            var exact = store.Sentences.Search.ExactTopK(query, 10).Select(h => h.Index).ToHashSet();
            found += hits.Take(10).Count(h => exact.Contains(h.Index));
            sink += hits.Count;
        }

        setup.Stop();
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (var query in queries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = Stopwatch.GetTimestamp();
                sink += store.Sentences.TopK(query, K).Count;
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        while (clock.Elapsed < minimumTime);

        clock.Stop();
        GC.KeepAlive(sink);
        times.Sort();
        return new VectorBenchmarkResult(
            sentences,
            Dimensions,
            K,
            setup.Elapsed.TotalSeconds,
            new FileInfo(path).Length,
            times,
            times.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9),
            GC.GetGCMemoryInfo().HeapSizeBytes,
            store.Sentences.Search.IsApproximate,
            store.Sentences.Search.CodeBytes,
            store.Sentences.Search.CodeBuildTime.TotalSeconds,
            found / (double)(Math.Min(10, sentences) * queries.Length));
    }

    /// <summary>One document per <see cref="PassagesPerDocument"/> passages of <see cref="SentencesPerPassage"/> sentences.</summary>
    private static List<DocumentEmbeddings> Layout(int sentences)
    {
        var documents = new List<DocumentEmbeddings>();
        var row = 0;
        while (row < sentences)
        {
            var id = $"synthetic/{documents.Count}.txt";
            var passages = new List<PassageEmbeddings>();
            for (var p = 0; p < PassagesPerDocument && row < sentences; p++)
            {
                var count = Math.Min(SentencesPerPassage, sentences - row);
                passages.Add(new PassageEmbeddings($"{id}#{p}", row, count));
                row += count;
            }

            documents.Add(new DocumentEmbeddings(id, "synthetic", passages));
        }

        return documents;
    }

    /// <summary>A unit vector: uniform noise, or 0.6 of <paramref name="centre"/> plus noise (cosine about 0.6 to it).</summary>
    private static void Point(Random random, Span<float> vector, ReadOnlySpan<float> centre)
    {
        var noise = centre.IsEmpty ? 1f : 0.8f * MathF.Sqrt(3f / vector.Length);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (centre.IsEmpty ? 0f : 0.6f * centre[i]) + (noise * ((random.NextSingle() * 2) - 1));
        }

        VectorMath.Normalize(vector);
    }
}
