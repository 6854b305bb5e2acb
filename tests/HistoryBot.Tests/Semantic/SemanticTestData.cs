using System.Numerics.Tensors;
using HistoryBot.Core.Chunking;
using HistoryBot.Core.Semantic;

namespace HistoryBot.Tests.Semantic;

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hb-semantic-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// A deterministic stand-in model: a text's vector is seeded by a stable hash of it, so equal texts get equal vectors
/// in every run.
/// Counts the texts it embeds.
/// </summary>
internal sealed class FakeEmbedder(string modelId = "fake@1", int dimensions = 16) : ITextEmbedder
{
    public string ModelId => modelId;

    public int Dimensions => dimensions;

    public int TextsEmbedded { get; private set; }

    public List<string> Seen { get; } = [];

    public float[][] EmbedPassages(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        TextsEmbedded += texts.Count;
        Seen.AddRange(texts);
        var result = texts.Select(VectorOf).ToArray();
        progress?.Report(texts.Count);
        return result;
    }

    public float[] EmbedQuery(string question, CancellationToken cancellationToken = default) => VectorOf(question);

    public float[] VectorOf(string text)
    {
        var random = new Random(StableHash(text));
        return SemanticTestData.RandomUnitVector(random, dimensions);
    }

    // FNV-1a over the UTF-16 code units: string.GetHashCode is randomised per process, which made the vectors (and any
    // rounding they hit) differ from run to run.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }
}

internal static class SemanticTestData
{
    public static float[] RandomUnitVector(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
        }

        VectorMath.Normalize(v);
        return v;
    }

    public static float[] RandomMatrix(Random random, int rows, int dimensions)
    {
        var m = new float[rows * dimensions];
        for (var r = 0; r < rows; r++)
        {
            RandomUnitVector(random, dimensions).CopyTo(m, r * dimensions);
        }

        return m;
    }

    /// <summary>A document of passages whose sentences are the given strings.</summary>
    public static DocumentPassages Document(string id, params string[][] passages) =>
        new(id, passages.Select((sentences, i) => new Passage(
            $"{id}#{i}",
            id,
            "Title of " + id,
            null,
            i,
            0,
            string.Join(" ", sentences),
            sentences.Select(s => new PassageSentence(s, 0, s.Length)).ToList())).ToList());

    public static EmbeddingStore Store(string fingerprint = "fp-1", int dimensions = 16, string modelId = "fake@1")
    {
        var embedder = new FakeEmbedder(modelId, dimensions);
        return EmbeddingStoreBuilder.Build(
            embedder,
            fingerprint,
            [
                Document("a.txt", ["Alpha one.", "Alpha two."], ["Alpha three."]),
                Document("b.txt", ["Beta one."]),
                Document("empty.txt"),
            ]).Store;
    }

    public static float Cosine(ReadOnlyMemory<float> a, ReadOnlyMemory<float> b) => TensorPrimitives.CosineSimilarity(a.Span, b.Span);
}
