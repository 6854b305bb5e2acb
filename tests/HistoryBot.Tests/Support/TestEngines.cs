using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.Embeddings;

namespace HistoryBot.Tests.Support;

/// <summary>
/// Engines for tests. Every test of the process shares one embedding model (loading it costs about 0.7 s and 100 MB),
/// which lives as long as the test process; each engine still has its own index.
/// </summary>
public static class TestEngines
{
    private static readonly Lazy<ArcticXsEmbedder> Model = new(() => new ArcticXsEmbedder());

    /// <summary>The process's shared model, for runs of the command line (<see cref="CliRunner"/>).</summary>
    public static ArcticXsEmbedder SharedEmbedder => Model.Value;

    /// <summary>Opens an engine as the app does, with the shared model for hybrid retrieval.</summary>
    public static HistoryBotEngine Open(IndexOptions index, AnswerOptions? answers = null, bool forceRebuild = false)
    {
        // Not disposed: the builder owns nothing here (the model is the caller's, shared by every test).
        var builder = new HistoryBotEngineBuilder().UseEmbedder(SharedEmbedder);
        return builder.Build(index, answers, forceRebuild);
    }
}
