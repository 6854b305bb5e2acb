using HistoryBot.Embeddings;

namespace HistoryBot.Tests.Semantic;

/// <summary>Loads the real model once for a test class (about 0.7 s).</summary>
public sealed class EmbedderFixture : IDisposable
{
    public ArcticXsEmbedder Arctic { get; } = new();

    public void Dispose()
    {
        Arctic.Dispose();
    }
}
