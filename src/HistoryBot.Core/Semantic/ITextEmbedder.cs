namespace HistoryBot.Core.Semantic;

/// <summary>
/// Turns text into unit-length (L2-normalized) vectors, so that a dot product is a cosine similarity.
/// Passages (corpus text) and queries (questions) are embedded by separate methods because some models want
/// an instruction prefix on the query side only.
/// </summary>
public interface ITextEmbedder
{
    /// <summary>
    /// Identifies the model, its version and how text is prepared for it. Vectors made under one id are not
    /// comparable with another's: put it in the fingerprint of anything that stores vectors.
    /// </summary>
    string ModelId { get; }

    /// <summary>The length of every vector.</summary>
    int Dimensions { get; }

    /// <summary>Embeds corpus text (no query prefix), in order: one normalized vector per text.</summary>
    /// <param name="progress">Receives the number of texts embedded so far, after each batch.</param>
    float[][] EmbedPassages(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Embeds a question or search query (with the model's query prefix, if it has one).</summary>
    float[] EmbedQuery(string question, CancellationToken cancellationToken = default);
}
