using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Core.Semantic;

/// <summary>The vectors of one passage: one for the passage as a whole and one per sentence, in sentence order.</summary>
/// <remarks>The memories are slices of the store's matrices: read them, never write through them.</remarks>
public sealed record PassageEmbeddings(string PassageId, ReadOnlyMemory<float> Vector, IReadOnlyList<ReadOnlyMemory<float>> Sentences);

/// <summary>The vectors of one corpus document, with the hash of the content they were made from.</summary>
public sealed record DocumentEmbeddings(string DocumentId, string ContentHash, IReadOnlyList<PassageEmbeddings> Passages);

/// <summary>Where a vector comes from: a passage (<see cref="SentenceIndex"/> -1) or one of its sentences.</summary>
public readonly record struct EmbeddingKey(string DocumentId, string PassageId, int SentenceIndex)
{
    public bool IsPassage => SentenceIndex < 0;
}

/// <summary>
/// Passage and sentence vectors of a corpus, keyed by document, then passage id, then sentence index, for one
/// embedding model. Immutable and thread-safe. Saved as one file in a folder (e.g. next to the Lucene index),
/// with a header carrying the model id, dimensions and a caller-supplied fingerprint, and a SHA-256 trailer.
/// </summary>
public sealed class EmbeddingStore
{
    /// <summary>
    /// The encoding <see cref="Save"/> uses unless told otherwise. On the SQuAD dev set (222 questions, 708 sentences)
    /// int8 changed top-1/top-3 sentence accuracy by at most one question against float32 for both models (float16:
    /// identical), at a quarter of the size: 388 bytes a 384-dimensional vector, about 40 MiB for 100,000 sentences.
    /// </summary>
    public const VectorEncoding DefaultEncoding = VectorEncoding.Int8;

    private const uint FormatVersion = 1;
    private static readonly byte[] Magic = "HBEMBED\0"u8.ToArray();

    private readonly float[] _passageMatrix;
    private readonly float[] _sentenceMatrix;
    private readonly Dictionary<string, DocumentEmbeddings> _byDocument;
    private readonly Lazy<SemanticSearcher> _sentenceSearcher;
    private readonly Lazy<SemanticSearcher> _passageSearcher;

    private EmbeddingStore(
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
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(stream, encoding);
            }

            File.Move(temp, path, overwrite: true);
            return path;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
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
            var (store, reason) = Read(bytes, modelId, dimensions, fingerprint);
            if (store is null)
            {
                logger.LogInformation("Not using the embeddings in {Path}: {Reason}.", path, reason);
            }

            return store;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OutOfMemoryException or NotSupportedException or ArgumentException)
        {
            logger.LogWarning("Could not read the embeddings in {Path}: {Error}", path, e.Message);
            return null;
        }
    }

    /// <summary>Serializes the store (format described in <see cref="Read"/>) to <paramref name="stream"/>.</summary>
    internal void Write(Stream stream, VectorEncoding encoding)
    {
        var vectorSize = VectorQuantizer.EncodedSize(encoding, Dimensions);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var hashing = new HashingStream(stream, hash);
        using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(ModelId);
            writer.Write(Dimensions);
            writer.Write(Fingerprint);
            writer.Write((byte)encoding);
            writer.Write(Documents.Count);
            writer.Write(PassageCount);
            writer.Write(SentenceCount);
            foreach (var document in Documents)
            {
                writer.Write(document.DocumentId);
                writer.Write(document.ContentHash);
                writer.Write(document.Passages.Count);
                foreach (var passage in document.Passages)
                {
                    writer.Write(passage.PassageId);
                    writer.Write(passage.Sentences.Count);
                }
            }

            var buffer = new byte[vectorSize];
            foreach (var matrix in new[] { _passageMatrix, _sentenceMatrix })
            {
                for (var offset = 0; offset < matrix.Length; offset += Dimensions)
                {
                    VectorQuantizer.Encode(encoding, matrix.AsSpan(offset, Dimensions), buffer);
                    writer.Write(buffer);
                }
            }
        }

        stream.Write(hash.GetHashAndReset());
    }

    /// <summary>
    /// Parses a store. Layout (little-endian; strings are BinaryWriter's length-prefixed UTF-8): magic "HBEMBED\0",
    /// u32 version, model id, i32 dimensions, fingerprint, u8 encoding, i32 documents, i32 passages, i32 sentences;
    /// per document: id, content hash, i32 passages, and per passage: id, i32 sentences; then every passage vector,
    /// then every sentence vector, in document order; then the SHA-256 of everything before it.
    /// </summary>
    internal static (EmbeddingStore? Store, string Reason) Read(byte[] bytes, string modelId, int dimensions, string? fingerprint)
    {
        try
        {
            const int HashSize = 32;
            if (bytes.Length < Magic.Length + HashSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                return (null, "not an embeddings file");
            }

            using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - HashSize, writable: false), Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            if (reader.ReadUInt32() != FormatVersion)
            {
                return (null, "another format version");
            }

            var storedModel = reader.ReadString();
            var storedDimensions = reader.ReadInt32();
            var storedFingerprint = reader.ReadString();
            if (storedModel != modelId || storedDimensions != dimensions)
            {
                return (null, $"made by {storedModel} ({storedDimensions} dimensions), not {modelId} ({dimensions})");
            }

            if (fingerprint is not null && storedFingerprint != fingerprint)
            {
                return (null, "the corpus or settings changed");
            }

            // Checked only once the header matches, so a stale file costs no hashing.
            var expected = SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashSize));
            if (!expected.AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashSize)))
            {
                return (null, "the file is truncated or corrupt (checksum mismatch)");
            }

            var encoding = (VectorEncoding)reader.ReadByte();
            var vectorSize = VectorQuantizer.EncodedSize(encoding, dimensions);
            var documentCount = reader.ReadInt32();
            var passageCount = reader.ReadInt32();
            var sentenceCount = reader.ReadInt32();
            var remaining = bytes.Length - HashSize;
            if (documentCount < 0 || passageCount < 0 || sentenceCount < 0
                || (long)(passageCount + (long)sentenceCount) * vectorSize > remaining)
            {
                return (null, "inconsistent counts");
            }

            var layout = new List<(string, string, IReadOnlyList<(string, int)>)>(documentCount);
            var passagesSeen = 0L;
            var sentencesSeen = 0L;
            for (var d = 0; d < documentCount; d++)
            {
                var documentId = reader.ReadString();
                var hash = reader.ReadString();
                var passages = reader.ReadInt32();
                if (passages < 0 || (passagesSeen += passages) > passageCount)
                {
                    return (null, "inconsistent counts");
                }

                var list = new List<(string, int)>(passages);
                for (var p = 0; p < passages; p++)
                {
                    var passageId = reader.ReadString();
                    var sentences = reader.ReadInt32();
                    if (sentences < 0 || (sentencesSeen += sentences) > sentenceCount)
                    {
                        return (null, "inconsistent counts");
                    }

                    list.Add((passageId, sentences));
                }

                layout.Add((documentId, hash, list));
            }

            if (passagesSeen != passageCount || sentencesSeen != sentenceCount
                || reader.BaseStream.Position + (passageCount + sentenceCount) * (long)vectorSize != remaining)
            {
                return (null, "inconsistent counts");
            }

            var offset = (int)reader.BaseStream.Position;
            var passageMatrix = DecodeMatrix(bytes, ref offset, passageCount, dimensions, encoding, vectorSize);
            var sentenceMatrix = DecodeMatrix(bytes, ref offset, sentenceCount, dimensions, encoding, vectorSize);
            var store = new EmbeddingStore(storedModel, dimensions, storedFingerprint, passageMatrix, sentenceMatrix, layout);
            return store.Documents.Count == store._byDocument.Count ? (store, string.Empty) : (null, "duplicate document ids");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Any parse failure means a corrupt file: the caller rebuilds rather than crash.
            return (null, "the file is corrupt (" + e.Message + ")");
        }
    }

    private static float[] DecodeMatrix(byte[] bytes, ref int offset, int rows, int dimensions, VectorEncoding encoding, int vectorSize)
    {
        var matrix = new float[rows * dimensions];
        for (var r = 0; r < rows; r++)
        {
            VectorQuantizer.Decode(encoding, bytes.AsSpan(offset, vectorSize), matrix.AsSpan(r * dimensions, dimensions));
            offset += vectorSize;
        }

        return matrix;
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

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Passes writes through to a stream while hashing them.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
