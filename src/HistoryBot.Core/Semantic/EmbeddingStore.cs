using HistoryBot.Core.Indexing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Core.Semantic;

/// <summary>The vectors of one passage: one for the passage as a whole and one per sentence, in sentence order.</summary>
/// <remarks>The memories are slices of the store's matrices: read them, never write through them.</remarks>
internal sealed record PassageEmbeddings(string PassageId, ReadOnlyMemory<float> Vector, IReadOnlyList<ReadOnlyMemory<float>> Sentences);

/// <summary>The vectors of one corpus document, with the hash of the content they were made from.</summary>
internal sealed record DocumentEmbeddings(string DocumentId, string ContentHash, IReadOnlyList<PassageEmbeddings> Passages);

/// <summary>Where a vector comes from: a passage (<see cref="SentenceIndex"/> -1) or one of its sentences.</summary>
internal readonly record struct EmbeddingKey(string DocumentId, string PassageId, int SentenceIndex)
{
    public bool IsPassage => SentenceIndex < 0;
}

/// <summary>
/// Passage and sentence vectors of a corpus, keyed by document, then passage id, then sentence index, for one
/// embedding model. Immutable and thread-safe. Saved as one file in a folder (e.g. next to the Lucene index),
/// with a header carrying the model id, dimensions and a caller-supplied fingerprint, and a SHA-256 trailer.
/// </summary>
internal sealed class EmbeddingStore
{
    /// <summary>
    /// The encoding <see cref="Save"/> uses unless told otherwise. On the SQuAD dev set (222 questions, 708 sentences)
    /// int8 changed top-1/top-3 sentence accuracy by at most one question against float32 for both models (float16:
    /// identical), at a quarter of the size: 388 bytes a 384-dimensional vector, about 40 MiB for 100,000 sentences.
    /// </summary>
    public const VectorEncoding DefaultEncoding = VectorEncoding.Int8;

    private readonly float[] _passageMatrix;
    private readonly float[] _sentenceMatrix;
    private readonly Dictionary<string, DocumentEmbeddings> _byDocument;
    private readonly Lazy<SemanticSearcher> _sentenceSearcher;
    private readonly Lazy<SemanticSearcher> _passageSearcher;

    internal EmbeddingStore(
        string modelId,
        int dimensions,
        string fingerprint,
        float[] passageMatrix,
        float[] sentenceMatrix,
        IReadOnlyList<(string DocumentId, string ContentHash, IReadOnlyList<(string PassageId, int Sentences)> Passages)> layout)
    {
        ModelId = modelId;
        Dimensions = dimensions;
        Fingerprint = fingerprint;
        _passageMatrix = passageMatrix;
        _sentenceMatrix = sentenceMatrix;

        var documents = new List<DocumentEmbeddings>(layout.Count);
        var passageKeys = new List<EmbeddingKey>();
        var sentenceKeys = new List<EmbeddingKey>();
        var passageRow = 0;
        var sentenceRow = 0;
        foreach (var (documentId, hash, passages) in layout)
        {
            var list = new List<PassageEmbeddings>(passages.Count);
            foreach (var (passageId, sentenceCount) in passages)
            {
                var sentences = new ReadOnlyMemory<float>[sentenceCount];
                for (var s = 0; s < sentenceCount; s++)
                {
                    sentences[s] = new ReadOnlyMemory<float>(sentenceMatrix, sentenceRow++ * dimensions, dimensions);
                    sentenceKeys.Add(new EmbeddingKey(documentId, passageId, s));
                }

                list.Add(new PassageEmbeddings(passageId, new ReadOnlyMemory<float>(passageMatrix, passageRow++ * dimensions, dimensions), sentences));
                passageKeys.Add(new EmbeddingKey(documentId, passageId, -1));
            }

            documents.Add(new DocumentEmbeddings(documentId, hash, list));
        }

        Documents = documents;
        _byDocument = documents.ToDictionary(d => d.DocumentId, StringComparer.Ordinal);
        PassageCount = passageRow;
        SentenceCount = sentenceRow;
        _sentenceSearcher = new(() => new SemanticSearcher(new VectorSearch(_sentenceMatrix, dimensions), sentenceKeys));
        _passageSearcher = new(() => new SemanticSearcher(new VectorSearch(_passageMatrix, dimensions), passageKeys));
    }

    public string ModelId { get; }

    /// <summary>Every passage vector, row after row, in document order (for the file format).</summary>
    internal float[] PassageMatrix => _passageMatrix;

    /// <summary>Every sentence vector, row after row, in document order (for the file format).</summary>
    internal float[] SentenceMatrix => _sentenceMatrix;

    public int Dimensions { get; }

    /// <summary>What the caller said the vectors were made from (e.g. the corpus fingerprint and settings).</summary>
    public string Fingerprint { get; }

    public IReadOnlyList<DocumentEmbeddings> Documents { get; }

    public int PassageCount { get; }

    public int SentenceCount { get; }

    /// <summary>Top-k search over every sentence vector (built on first use, then shared).</summary>
    public SemanticSearcher Sentences => _sentenceSearcher.Value;

    /// <summary>Top-k search over every passage vector (built on first use, then shared).</summary>
    public SemanticSearcher Passages => _passageSearcher.Value;

    public DocumentEmbeddings? Find(string documentId) => _byDocument.GetValueOrDefault(documentId);

    /// <summary>Packs <paramref name="documents"/> into a store (vectors are copied into two contiguous matrices).</summary>
    public static EmbeddingStore Create(string modelId, int dimensions, string fingerprint, IReadOnlyList<DocumentEmbeddings> documents)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var passages = documents.Sum(d => d.Passages.Count);
        var sentences = documents.Sum(d => d.Passages.Sum(p => p.Sentences.Count));
        var passageMatrix = new float[passages * dimensions];
        var sentenceMatrix = new float[sentences * dimensions];
        var p = 0;
        var s = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (!seen.Add(document.DocumentId))
            {
                throw new ArgumentException($"Document {document.DocumentId} appears twice.", nameof(documents));
            }

            foreach (var passage in document.Passages)
            {
                Copy(passage.Vector, passageMatrix, p++, dimensions);
                foreach (var sentence in passage.Sentences)
                {
                    Copy(sentence, sentenceMatrix, s++, dimensions);
                }
            }
        }

        return new EmbeddingStore(modelId, dimensions, fingerprint, passageMatrix, sentenceMatrix, LayoutOf(documents));
    }

    /// <summary>The file a store for <paramref name="modelId"/> lives in inside <paramref name="folder"/>.</summary>
    public static string PathFor(string folder, string modelId)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(modelId);
        var name = modelId.Split('@')[0];
        var slug = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        return Path.Combine(folder, $"embeddings-{slug}.bin");
    }

    /// <summary>
    /// Writes the store to <see cref="PathFor"/> in <paramref name="folder"/> (created if missing), atomically:
    /// a temporary file is written, then moved over the old one.
    /// </summary>
    public string Save(string folder, VectorEncoding encoding = DefaultEncoding)
    {
        Directory.CreateDirectory(folder);
        var path = PathFor(folder, ModelId);
        AtomicFile.Write(path, stream => EmbeddingStoreFormat.Write(this, stream, encoding));
        return path;
    }

    /// <summary>
    /// Reads the store for <paramref name="modelId"/> from <paramref name="folder"/>. Returns null, never throws,
    /// when the file is missing, truncated or corrupt, or was made by another model, with other dimensions or
    /// (unless <paramref name="fingerprint"/> is null) under another fingerprint. Pass a null fingerprint to get
    /// an out-of-date store whose unchanged documents can be reused by <see cref="EmbeddingStoreBuilder"/>.
    /// </summary>
    public static EmbeddingStore? TryLoad(string folder, string modelId, int dimensions, string? fingerprint, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var path = PathFor(folder, modelId);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            var (store, reason) = EmbeddingStoreFormat.Read(bytes, modelId, dimensions, fingerprint);
            if (store is null && reason.StartsWith(EmbeddingStoreFormat.CorruptPrefix, StringComparison.Ordinal))
            {
                logger.LogWarning("The embeddings in {Path} are damaged ({Reason}); the corpus will be embedded again.", path, reason);
            }
            else if (store is null)
            {
                logger.LogInformation("Not using the embeddings in {Path}: {Reason}.", path, reason);
            }

            return store;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OutOfMemoryException or NotSupportedException or ArgumentException)
        {
            logger.LogWarning(e, "Could not read the embeddings in {Path}.", path);
            return null;
        }
    }

    private static IReadOnlyList<(string, string, IReadOnlyList<(string, int)>)> LayoutOf(IReadOnlyList<DocumentEmbeddings> documents) =>
        documents.Select(d => (d.DocumentId, d.ContentHash, (IReadOnlyList<(string, int)>)d.Passages.Select(p => (p.PassageId, p.Sentences.Count)).ToList()))
            .ToList();

    private static void Copy(ReadOnlyMemory<float> vector, float[] matrix, int row, int dimensions)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException($"A vector has {vector.Length} dimensions; expected {dimensions}.");
        }

        vector.Span.CopyTo(matrix.AsSpan(row * dimensions, dimensions));
    }
}
