using HistoryBot.Core.Semantic;

namespace HistoryBot.Tests.Semantic;

/// <summary>Loads each real model once for a test class (about 0.7 s each).</summary>
public sealed class EmbedderFixture : IDisposable
{
    public ArcticXsEmbedder Arctic { get; } = new();

    public MiniLmEmbedder MiniLm { get; } = new();

    public void Dispose()
    {
        Arctic.Dispose();
        MiniLm.Dispose();
    }
}
