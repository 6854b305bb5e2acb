using HistoryBot.Core.Chunking;
using HistoryBot.Core.Indexing;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Core.Semantic;

/// <summary>
/// Sentence embeddings of an opened passage index: kept in the index folder's "vectors" sub-folder, invalidated by the
/// same corpus fingerprint, rebuilt incrementally (only changed documents are re-embedded). Thread-safe.
/// </summary>
internal sealed class SemanticIndex : Retrieval.ISentenceVectors
{
    public const string FolderName = "vectors";

    private readonly ITextEmbedder _embedder;
    private readonly EmbeddingStore _store;

    private SemanticIndex(ITextEmbedder embedder, EmbeddingStore store, EmbeddingBuildReport report)
    {
        _embedder = embedder;
        _store = store;
        Report = report;
    }

    public EmbeddingBuildReport Report { get; }

    public string ModelId => _embedder.ModelId;

    /// <summary>Loads the embeddings of <paramref name="index"/>, computing those of new or changed documents.</summary>
    internal static SemanticIndex Open(
        PassageIndex index,
        ITextEmbedder embedder,
        ILogger? logger = null,
        IProgress<EmbeddingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(embedder);
        logger ??= NullLogger.Instance;
        var folder = Path.Combine(index.IndexPath, FolderName);
        var fingerprint = index.Fingerprint ?? "unknown";
        var (store, report) = EmbeddingStoreBuilder.LoadOrBuild(
            folder,
            embedder,
            fingerprint,
            () => ReadDocuments(index.Reader),
            logger: logger,
            progress: progress,
            lockDirectory: index.IndexPath,
            cancellationToken: cancellationToken);
        if (!report.Reused)
        {
            logger.LogInformation(
                "Embedded {Texts} sentence(s) of {Documents} changed document(s) in {Seconds:F1} s ({Reused} reused).",
                report.TextsEmbedded,
                report.DocumentsEmbedded,
                report.Elapsed.TotalSeconds,
                report.DocumentsReused);
        }

        return new SemanticIndex(embedder, store, report);
    }

    public float[] EmbedQuery(string question, CancellationToken cancellationToken = default) =>
        _embedder.EmbedQuery(question, cancellationToken);

    /// <summary>
    /// The sentences most similar to the query vector, best first, among the documents <paramref name="includeDocument"/>
    /// accepts (every document when null).
    /// </summary>
    public IReadOnlyList<SemanticHit> TopSentences(float[] query, int k, Func<string, bool>? includeDocument = null) =>
        _store.Sentences.TopK(query, k, include: includeDocument is null ? null : key => includeDocument(key.DocumentId));

    IEnumerable<string> Retrieval.ISentenceVectors.PassagesOfTopSentences(float[] query, int k) =>
        TopSentences(query, k).Select(h => h.Key.PassageId);

    /// <summary>Cosine of the query to one sentence of a passage, or null when it has no vector.</summary>
    public float? SentenceSimilarity(float[] query, string passageId, int sentenceIndex) =>
        _store.SentenceSimilarity(query, passageId, sentenceIndex);

    /// <summary>Every live passage of the index, grouped by document in ordinal order.</summary>
    internal static IReadOnlyList<DocumentPassages> ReadDocuments(IndexReader reader)
    {
        var byDocument = new Dictionary<string, List<Passage>>(StringComparer.Ordinal);
        var liveDocs = MultiFields.GetLiveDocs(reader);
        for (var i = 0; i < reader.MaxDoc; i++)
        {
            if (liveDocs is not null && !liveDocs.Get(i))
            {
                continue;
            }

            var passage = PassageIndex.ToPassage(reader.Document(i));
            if (!byDocument.TryGetValue(passage.DocumentId, out var list))
            {
                byDocument[passage.DocumentId] = list = [];
            }

            list.Add(passage);
        }

        return byDocument
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new DocumentPassages(kv.Key, kv.Value.OrderBy(p => p.Ordinal).ToList()))
            .ToList();
    }
}
