using HistoryBot.Core.Indexing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Core.Semantic;

/// <summary>Where one passage's sentence vectors are: <paramref name="SentenceCount"/> rows from <paramref name="FirstRow"/>.</summary>
internal sealed record PassageEmbeddings(string PassageId, int FirstRow, int SentenceCount);

/// <summary>The vectors of one corpus document, with the hash of the content they were made from.</summary>
internal sealed record DocumentEmbeddings(string DocumentId, string ContentHash, IReadOnlyList<PassageEmbeddings> Passages);

/// <summary>Freshly embedded sentence vectors of one passage, in sentence order (the input of <see cref="EmbeddingStore.Create"/>).</summary>
internal sealed record PassageVectors(string PassageId, IReadOnlyList<ReadOnlyMemory<float>> Sentences);

/// <summary>The sentence vectors of one document for a new store, with the hash of the content they were made from.</summary>
internal sealed record DocumentVectors(string DocumentId, string ContentHash, IReadOnlyList<PassageVectors> Passages);

/// <summary>Where a sentence vector comes from: a document, one of its passages, and the sentence's index in it.</summary>
internal readonly record struct EmbeddingKey(string DocumentId, string PassageId, int SentenceIndex);

/// <summary>
/// The sentence vectors of a corpus, keyed by document, then passage id, then sentence index, for one embedding model.
/// Held int8-quantised (one byte a component; the cosine uses each row's own norm), in memory after a build and
/// memory-mapped after a load, so a large store costs page cache rather than managed heap. Immutable and thread-safe.
/// Saved as one file in a folder (e.g. next to the Lucene index), with a header carrying the model id, dimensions and a
/// caller-supplied fingerprint, and a SHA-256 trailer.
/// </summary>
/// <remarks>
/// Passages have no vector of their own: the store used to keep the mean of each passage's sentence vectors, which
/// nothing searched (candidates come from the sentence search), so version 2 of the file dropped them.
/// </remarks>
internal sealed class EmbeddingStore
{
    private readonly Int8Matrix _sentences;
    private readonly Dictionary<string, DocumentEmbeddings> _byDocument;
    private readonly Dictionary<string, PassageEmbeddings> _byPassage;
    private readonly Lazy<SemanticSearcher> _sentenceSearcher;

    internal EmbeddingStore(string modelId, int dimensions, string fingerprint, Int8Matrix sentences, IReadOnlyList<DocumentEmbeddings> documents)
    {
        ModelId = modelId;
        Dimensions = dimensions;
        Fingerprint = fingerprint;
        _sentences = sentences;
        Documents = documents;
        _byDocument = new(documents.Count, StringComparer.Ordinal);
        _byPassage = new(StringComparer.Ordinal);
        var rows = 0;
        foreach (var document in documents)
        {
            if (!_byDocument.TryAdd(document.DocumentId, document))
            {
                throw new ArgumentException($"Document {document.DocumentId} appears twice.", nameof(documents));
            }

            foreach (var passage in document.Passages)
            {
                if (passage.FirstRow != rows || passage.SentenceCount < 0)
                {
                    throw new ArgumentException($"Passage {passage.PassageId} is not where the rows are.", nameof(documents));
                }

                _byPassage[passage.PassageId] = passage;
                rows += passage.SentenceCount;
            }
        }

        if (rows != sentences.Count || sentences.Dimensions != dimensions)
        {
            throw new ArgumentException($"The layout has {rows} sentences, the matrix {sentences.Count} of {sentences.Dimensions} dimensions.", nameof(sentences));
        }

        _sentenceSearcher = new(() => new SemanticSearcher(new VectorSearch(_sentences), Documents));
    }

    public string ModelId { get; }

    public int Dimensions { get; }

    /// <summary>What the caller said the vectors were made from (e.g. the corpus fingerprint and settings).</summary>
    public string Fingerprint { get; }

    public IReadOnlyList<DocumentEmbeddings> Documents { get; }

    public int SentenceCount => _sentences.Count;

    /// <summary>Whether the vectors are memory-mapped from the store file (a loaded store) rather than held in memory.</summary>
    public bool IsMapped => _sentences.IsMapped;

    /// <summary>Whether this store was read from an older file version, to be saved again in the current one.</summary>
    public bool IsOutdatedFormat { get; init; }

    /// <summary>Every sentence vector, row after row, in document order.</summary>
    internal Int8Matrix Matrix => _sentences;

    /// <summary>Top-k search over every sentence vector (built on first use, then shared).</summary>
    public SemanticSearcher Sentences => _sentenceSearcher.Value;

    public DocumentEmbeddings? Find(string documentId) => _byDocument.GetValueOrDefault(documentId);

    /// <summary>The cosine of <paramref name="query"/> to one sentence of a passage, or null when it has no vector.</summary>
    public float? SentenceSimilarity(ReadOnlySpan<float> query, string passageId, int sentenceIndex) =>
        _byPassage.TryGetValue(passageId, out var passage) && sentenceIndex >= 0 && sentenceIndex < passage.SentenceCount
            ? _sentences.Cosine(query, passage.FirstRow + sentenceIndex)
            : null;

    /// <summary>Packs freshly embedded <paramref name="documents"/> into a store (vectors are quantised to int8).</summary>
    public static EmbeddingStore Create(string modelId, int dimensions, string fingerprint, IReadOnlyList<DocumentVectors> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return Merge(modelId, dimensions, fingerprint, documents.Select(d => ((DocumentVectors?)d, (DocumentEmbeddings?)null)).ToList(), previous: null);
    }

    /// <summary>
    /// Packs documents into a store: each either freshly embedded (quantised) or, when its <c>Reused</c> entry is set, the
    /// rows of that document in <paramref name="previous"/>, copied exactly.
    /// </summary>
    internal static EmbeddingStore Merge(
        string modelId,
        int dimensions,
        string fingerprint,
        IReadOnlyList<(DocumentVectors? Fresh, DocumentEmbeddings? Reused)> documents,
        EmbeddingStore? previous)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var rows = documents.Sum(d => d.Reused is { } old ? old.Passages.Sum(p => p.SentenceCount) : d.Fresh!.Passages.Sum(p => p.Sentences.Count));
        var matrix = Int8Matrix.Allocate(rows, dimensions);
        var layout = new List<DocumentEmbeddings>(documents.Count);
        var row = 0;
        foreach (var (fresh, reused) in documents)
        {
            var passages = new List<PassageEmbeddings>();
            if (reused is not null)
            {
                ArgumentNullException.ThrowIfNull(previous);
                foreach (var passage in reused.Passages)
                {
                    passages.Add(new PassageEmbeddings(passage.PassageId, row, passage.SentenceCount));
                    for (var s = 0; s < passage.SentenceCount; s++)
                    {
                        matrix.CopyRow(row++, previous.Matrix, passage.FirstRow + s);
                    }
                }

                layout.Add(reused with { Passages = passages });
                continue;
            }

            foreach (var passage in fresh!.Passages)
            {
                passages.Add(new PassageEmbeddings(passage.PassageId, row, passage.Sentences.Count));
                foreach (var sentence in passage.Sentences)
                {
                    if (sentence.Length != dimensions)
                    {
                        throw new ArgumentException($"A vector has {sentence.Length} dimensions; expected {dimensions}.", nameof(documents));
                    }

                    matrix.SetRow(row++, sentence.Span);
                }
            }

            layout.Add(new DocumentEmbeddings(fresh.DocumentId, fresh.ContentHash, passages));
        }

        return new EmbeddingStore(modelId, dimensions, fingerprint, matrix, layout);
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
    /// a temporary file is written, then moved over the old one (a process still mapping the old one keeps reading it).
    /// </summary>
    public string Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = PathFor(folder, ModelId);
        AtomicFile.Write(path, stream => EmbeddingStoreFormat.Write(
            stream,
            new EmbeddingStoreFormat.Header(ModelId, Dimensions, Fingerprint),
            Documents,
            SentenceCount,
            (first, destination) =>
            {
                for (var r = 0; r < destination.Length / Dimensions; r++)
                {
                    _sentences.Row(first + r).CopyTo(destination.Slice(r * Dimensions, Dimensions));
                }

                GC.KeepAlive(_sentences);
            }));
        return path;
    }

    /// <summary>
    /// Reads the store for <paramref name="modelId"/> from <paramref name="folder"/>, memory-mapping its vectors. Returns
    /// null, never throws, when the file is missing, truncated or corrupt (checked against its SHA-256 trailer), or was
    /// made by another model, with other dimensions or (unless <paramref name="fingerprint"/> is null) under another
    /// fingerprint. Pass a null fingerprint to get an out-of-date store whose unchanged documents can be reused by
    /// <see cref="EmbeddingStoreBuilder"/>.
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

            var (store, reason) = EmbeddingStoreFormat.Read(path, modelId, dimensions, fingerprint);
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
}
