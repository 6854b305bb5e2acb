using System.Security.Cryptography;
using System.Text;

namespace HistoryBot.Core.Semantic;

/// <summary>The binary file format of an <see cref="EmbeddingStore"/>, with a SHA-256 trailer over everything before it.</summary>
internal static class EmbeddingStoreFormat
{
    /// <summary>How every reason for a damaged (rather than merely out-of-date) file begins.</summary>
    public const string CorruptPrefix = "the file is";

    private const uint FormatVersion = 1;
    private static readonly byte[] Magic = "HBEMBED\0"u8.ToArray();

    /// <summary>Serializes the store (format described in <see cref="Read"/>) to <paramref name="stream"/>.</summary>
    public static void Write(EmbeddingStore store, Stream stream, VectorEncoding encoding)
    {
        var vectorSize = VectorQuantizer.EncodedSize(encoding, store.Dimensions);

        // CryptoStream passes every byte through SHA-256 on its way to the file, so the trailer costs no second pass.
        using var sha256 = SHA256.Create();
        using (var hashing = new CryptoStream(stream, sha256, CryptoStreamMode.Write, leaveOpen: true))
        using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(store.ModelId);
            writer.Write(store.Dimensions);
            writer.Write(store.Fingerprint);
            writer.Write((byte)encoding);
            writer.Write(store.Documents.Count);
            writer.Write(store.PassageCount);
            writer.Write(store.SentenceCount);
            foreach (var document in store.Documents)
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
            foreach (var matrix in new[] { store.PassageMatrix, store.SentenceMatrix })
            {
                for (var offset = 0; offset < matrix.Length; offset += store.Dimensions)
                {
                    VectorQuantizer.Encode(encoding, matrix.AsSpan(offset, store.Dimensions), buffer);
                    writer.Write(buffer);
                }
            }

            writer.Flush();
            hashing.FlushFinalBlock();
        }

        stream.Write(sha256.Hash!);
    }

    /// <summary>
    /// Parses a store. Layout (little-endian; strings are BinaryWriter's length-prefixed UTF-8): magic "HBEMBED\0",
    /// u32 version, model id, i32 dimensions, fingerprint, u8 encoding, i32 documents, i32 passages, i32 sentences;
    /// per document: id, content hash, i32 passages, and per passage: id, i32 sentences; then every passage vector,
    /// then every sentence vector, in document order; then the SHA-256 of everything before it.
    /// </summary>
    public static (EmbeddingStore? Store, string Reason) Read(byte[] bytes, string modelId, int dimensions, string? fingerprint)
    {
        try
        {
            const int HashSize = 32;
            if (bytes.Length < Magic.Length + HashSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                return (null, "the file is not an embeddings file");
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
                return (null, "the file is inconsistent (its counts disagree)");
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
                    return (null, "the file is inconsistent (its counts disagree)");
                }

                var list = new List<(string, int)>(passages);
                for (var p = 0; p < passages; p++)
                {
                    var passageId = reader.ReadString();
                    var sentences = reader.ReadInt32();
                    if (sentences < 0 || (sentencesSeen += sentences) > sentenceCount)
                    {
                        return (null, "the file is inconsistent (its counts disagree)");
                    }

                    list.Add((passageId, sentences));
                }

                layout.Add((documentId, hash, list));
            }

            if (passagesSeen != passageCount || sentencesSeen != sentenceCount
                || reader.BaseStream.Position + (passageCount + sentenceCount) * (long)vectorSize != remaining)
            {
                return (null, "the file is inconsistent (its counts disagree)");
            }

            var offset = (int)reader.BaseStream.Position;
            var passageMatrix = DecodeMatrix(bytes, ref offset, passageCount, dimensions, encoding, vectorSize);
            var sentenceMatrix = DecodeMatrix(bytes, ref offset, sentenceCount, dimensions, encoding, vectorSize);
            var store = new EmbeddingStore(storedModel, dimensions, storedFingerprint, passageMatrix, sentenceMatrix, layout);
            return store.Documents.Select(d => d.DocumentId).Distinct(StringComparer.Ordinal).Count() == store.Documents.Count ? (store, string.Empty) : (null, "the file is inconsistent (a document appears twice)");
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
}
