using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace HistoryBot.Core.Semantic;

/// <summary>The binary file format of an <see cref="EmbeddingStore"/>, with a SHA-256 trailer over everything before it.</summary>
internal static partial class EmbeddingStoreFormat
{
    /// <summary>How every reason for a damaged (rather than merely out-of-date) file begins.</summary>
    public const string CorruptPrefix = "the file is";

    /// <summary>Version 2: int8 sentence rows aligned for memory-mapping, no passage vectors (version 1 is still read).</summary>
    private const uint FormatVersion = 2;
    private const int HashSize = 32;
    private const int RowAlignment = 64;
    private const int RowsPerChunk = 4096;
    private static readonly byte[] Magic = "HBEMBED\0"u8.ToArray();

    /// <summary>The identity of a store: its model, dimensions and fingerprint.</summary>
    public sealed record Header(string ModelId, int Dimensions, string Fingerprint);

    /// <summary>Fills <paramref name="destination"/> (whole rows) with the int8 rows from <paramref name="firstRow"/> on.</summary>
    public delegate void RowSource(int firstRow, Span<sbyte> destination);

    /// <summary>
    /// Serializes a store to <paramref name="stream"/>. Layout (little-endian; strings are BinaryWriter's length-prefixed
    /// UTF-8): magic "HBEMBED\0", u32 version, model id, i32 dimensions, fingerprint, i32 documents, i32 sentences; per
    /// document: id, content hash, i32 passages, and per passage: id, i32 sentences; zeros up to a multiple of 64 bytes;
    /// every sentence's int8 components, row after row in document order; zeros up to a multiple of 4; every row's
    /// inverse norm (f32); then the SHA-256 of everything before it. The rows come from <paramref name="rows"/> in chunks,
    /// so a store far larger than memory can be written.
    /// </summary>
    public static void Write(Stream stream, Header header, IReadOnlyList<DocumentEmbeddings> documents, int rowCount, RowSource rows)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Embedding stores are written on little-endian machines only.");
        }

        using var head = new MemoryStream();
        using (var writer = new BinaryWriter(head, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(header.ModelId);
            writer.Write(header.Dimensions);
            writer.Write(header.Fingerprint);
            writer.Write(documents.Count);
            writer.Write(rowCount);
            foreach (var document in documents)
            {
                writer.Write(document.DocumentId);
                writer.Write(document.ContentHash);
                writer.Write(document.Passages.Count);
                foreach (var passage in document.Passages)
                {
                    writer.Write(passage.PassageId);
                    writer.Write(passage.SentenceCount);
                }
            }
        }

        // CryptoStream passes every byte through SHA-256 on its way to the file, so the trailer costs no second pass.
        using var sha256 = SHA256.Create();
        using (var hashing = new CryptoStream(stream, sha256, CryptoStreamMode.Write, leaveOpen: true))
        {
            head.WriteTo(hashing);
            var position = head.Length;
            WriteZeros(hashing, ref position, RowAlignment);
            var norms = new float[rowCount];
            var buffer = new sbyte[Math.Min(Math.Max(rowCount, 1), RowsPerChunk) * header.Dimensions];
            for (var first = 0; first < rowCount; first += RowsPerChunk)
            {
                var chunk = buffer.AsSpan(0, Math.Min(RowsPerChunk, rowCount - first) * header.Dimensions);
                rows(first, chunk);
                for (var r = 0; r < chunk.Length / header.Dimensions; r++)
                {
                    norms[first + r] = Int8Dot.InverseNorm(chunk.Slice(r * header.Dimensions, header.Dimensions));
                }

                hashing.Write(MemoryMarshal.AsBytes(chunk));
                position += chunk.Length;
            }

            WriteZeros(hashing, ref position, sizeof(float));
            hashing.Write(MemoryMarshal.AsBytes(norms.AsSpan()));
            hashing.FlushFinalBlock();
        }

        stream.Write(sha256.Hash!);
    }

    /// <summary>
    /// Reads the store in <paramref name="path"/> (format in <see cref="Write"/>), checking its SHA-256 trailer, and maps its
    /// vectors; a version 1 file is read into memory instead (to be saved again as version 2).
    /// </summary>
    public static (EmbeddingStore? Store, string Reason) Read(string path, string modelId, int dimensions, string? fingerprint)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
        var mapped = false;
        try
        {
            var (store, reason) = Read(file, modelId, dimensions, fingerprint);
            mapped = store is { IsMapped: true };
            return (store, reason);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Any parse failure means a corrupt file: the caller rebuilds rather than crash.
            return (null, "the file is corrupt (" + e.Message + ")");
        }
        finally
        {
            if (!mapped)
            {
                file.Dispose();
            }
        }
    }

    private static (EmbeddingStore? Store, string Reason) Read(FileStream file, string modelId, int dimensions, string? fingerprint)
    {
        var length = file.Length;
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        if (length < Magic.Length + HashSize || !reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            return (null, "the file is not an embeddings file");
        }

        var version = reader.ReadUInt32();
        if (version == 1)
        {
            return ReadVersion1(file, modelId, dimensions, fingerprint);
        }

        if (version != FormatVersion)
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
        var afterHeader = file.Position;
        if (!ChecksumMatches(file, length))
        {
            return (null, "the file is truncated or corrupt (checksum mismatch)");
        }

        file.Position = afterHeader;
        var documentCount = reader.ReadInt32();
        var rowCount = reader.ReadInt32();
        if (documentCount < 0 || rowCount < 0 || (long)rowCount * dimensions > length)
        {
            return (null, "the file is inconsistent (its counts disagree)");
        }

        var documents = ReadLayout(reader, documentCount, rowCount);
        var rowsOffset = Align(file.Position, RowAlignment);
        var normsOffset = Align(rowsOffset + ((long)rowCount * dimensions), sizeof(float));
        if (documents is null || normsOffset + ((long)rowCount * sizeof(float)) != length - HashSize)
        {
            return (null, "the file is inconsistent (its counts disagree)");
        }

        if (documents.Select(d => d.DocumentId).Distinct(StringComparer.Ordinal).Count() != documents.Count)
        {
            return (null, "the file is inconsistent (a document appears twice)");
        }

        var matrix = Int8Matrix.Map(file, rowsOffset, normsOffset, rowCount, dimensions);
        return (new EmbeddingStore(storedModel, dimensions, storedFingerprint, matrix, documents), string.Empty);
    }

    /// <summary>The documents and passages of the header, with each passage's first row; null if the counts disagree.</summary>
    private static List<DocumentEmbeddings>? ReadLayout(BinaryReader reader, int documentCount, int rowCount)
    {
        var documents = new List<DocumentEmbeddings>(Math.Min(documentCount, 1 << 16));
        var row = 0L;
        for (var d = 0; d < documentCount; d++)
        {
            var documentId = reader.ReadString();
            var hash = reader.ReadString();
            var passageCount = reader.ReadInt32();
            if (passageCount < 0)
            {
                return null;
            }

            var passages = new List<PassageEmbeddings>(Math.Min(passageCount, 1 << 16));
            for (var p = 0; p < passageCount; p++)
            {
                var passageId = reader.ReadString();
                var sentences = reader.ReadInt32();
                if (sentences < 0 || row + sentences > rowCount)
                {
                    return null;
                }

                passages.Add(new PassageEmbeddings(passageId, (int)row, sentences));
                row += sentences;
            }

            documents.Add(new DocumentEmbeddings(documentId, hash, passages));
        }

        return row == rowCount ? documents : null;
    }

    private static bool ChecksumMatches(FileStream file, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        file.Position = 0;
        for (var remaining = length - HashSize; remaining > 0;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read <= 0)
            {
                return false;
            }

            hash.AppendData(buffer, 0, read);
            remaining -= read;
        }

        var trailer = new byte[HashSize];
        file.ReadExactly(trailer);
        return hash.GetHashAndReset().AsSpan().SequenceEqual(trailer);
    }

    private static long Align(long position, int alignment) => (position + alignment - 1) / alignment * alignment;

    private static void WriteZeros(Stream stream, ref long position, int alignment)
    {
        var padding = (int)(Align(position, alignment) - position);
        stream.Write(new byte[padding]);
        position += padding;
    }
}
