using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Semantic;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Live;

/// <summary>Background embedding of a corpus too large to embed before the first answer.</summary>
public sealed partial class LiveAnswerService
{
    /// <summary>How long a reload waits for a cancelled background embedding to save its progress and stop.</summary>
    private static readonly TimeSpan EmbeddingStopTimeout = TimeSpan.FromMinutes(1);

    private BackgroundEmbedding? _embedding;

    /// <summary>How far the background embedding is; null when none runs.</summary>
    public EmbeddingProgress? BackgroundEmbedding => Volatile.Read(ref _embedding)?.Progress;

    /// <summary>
    /// When the engine answers lexically only because the corpus's sentences are not embedded yet
    /// (<see cref="HistoryBotEngine.EmbeddingPending"/>: more of them than <c>Retrieval:MaxSentencesToEmbed</c>), embeds
    /// them in the background with <paramref name="embed"/> (e.g. <see cref="HistoryBotEngineBuilder.EmbedSentences"/>)
    /// and then re-opens the engine, which answers hybrid from then on. The same after every reload that leaves the
    /// embedding pending; a reload first stops a running embedding (its progress is saved and resumed).
    /// </summary>
    public LiveAnswerService EmbedPendingSentences(Action<IProgress<EmbeddingProgress>, CancellationToken> embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        var embedding = new BackgroundEmbedding(embed, () => _ = ReloadAsync(), _time, _logger);
        if (Interlocked.CompareExchange(ref _embedding, embedding, null) is not null)
        {
            embedding.Dispose();
            throw new InvalidOperationException("The background embedding is set already.");
        }

        StartEmbeddingIfPending(Current.Engine);
        return this;
    }

    private void StartEmbeddingIfPending(HistoryBotEngine engine)
    {
        if (engine.EmbeddingPending)
        {
            Volatile.Read(ref _embedding)?.Start();
        }
    }

    /// <summary>Before the index is re-opened: the embedding holds the index's build lock and reads the old corpus.</summary>
    private void StopEmbedding() => Volatile.Read(ref _embedding)?.Stop(EmbeddingStopTimeout);

    private void LogIfNowHybrid(bool wasHybrid, HistoryBotEngine engine)
    {
        if (!wasHybrid && engine.Mode == RetrievalMode.Hybrid)
        {
            _logger.LogInformation("The sentence embeddings are ready: answers are hybrid (keywords and embeddings) from now on.");
        }
    }

    private void DisposeEmbedding() => Interlocked.Exchange(ref _embedding, null)?.Dispose();
}
