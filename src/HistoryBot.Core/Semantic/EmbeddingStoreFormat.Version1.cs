using System.Security.Cryptography;
using System.Text;

namespace HistoryBot.Core.Semantic;

internal static partial class EmbeddingStoreFormat
{
    /// <summary>
    /// Reads a version 1 file (written before the vectors were memory-mapped) into memory, so an upgrade reuses its vectors
    /// instead of embedding the corpus again. Layout: magic, u32 version 1, model id, i32 dimensions, fingerprint,
    /// u8 encoding, i32 documents, i32 passages, i32 sentences; per document: id, content hash, i32 passages, and per
    /// passage: id, i32 sentences; then every passage vector (skipped: nothing searched them), then every sentence
    /// vector, in document order, each in its <see cref="VectorEncoding"/>; then the SHA-256 of everything before it.
    /// </summary>
    private static (EmbeddingStore? Store, string Reason) ReadVersion1(FileStream file, string modelId, int dimensions, string? fingerprint)
    {
        var bytes = new byte[file.Length];
        file.Position = 0;
        file.ReadExactly(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - HashSize, writable: false), Encoding.UTF8);
        reader.ReadBytes(Magic.Length + sizeof(uint));
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

        if (!SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashSize)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashSize)))
        {
            return (null, "the file is truncated or corrupt (checksum mismatch)");
        }

        var encoding = (VectorEncoding)reader.ReadByte();
        var vectorSize = VectorQuantizer.EncodedSize(encoding, dimensions);
        var documentCount = reader.ReadInt32();
        var passageCount = reader.ReadInt32();
        var sentenceCount = reader.ReadInt32();
        if (documentCount < 0 || passageCount < 0 || sentenceCount < 0
            || (passageCount + (long)sentenceCount) * vectorSize > bytes.Length)
        {
            return (null, "the file is inconsistent (its counts disagree)");
        }

        var documents = ReadLayout(reader, documentCount, sentenceCount);
        var offset = reader.BaseStream.Position + ((long)passageCount * vectorSize);
        if (documents is null || documents.Sum(d => d.Passages.Count) != passageCount
            || offset + ((long)sentenceCount * vectorSize) != bytes.Length - HashSize
            || documents.Select(d => d.DocumentId).Distinct(StringComparer.Ordinal).Count() != documents.Count)
        {
            return (null, "the file is inconsistent (its counts disagree)");
        }

        var matrix = Int8Matrix.Allocate(sentenceCount, dimensions);
        var vector = new float[dimensions];
        for (var r = 0; r < sentenceCount; r++, offset += vectorSize)
        {
            // Decoding re-normalizes; re-quantizing a decoded int8 row gives back the same bytes.
            VectorQuantizer.Decode(encoding, bytes.AsSpan((int)offset, vectorSize), vector);
            matrix.SetRow(r, vector);
        }

        var store = new EmbeddingStore(storedModel, dimensions, storedFingerprint, matrix, documents) { IsOutdatedFormat = true };
        return (store, string.Empty);
    }
}
