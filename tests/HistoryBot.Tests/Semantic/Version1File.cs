using System.Security.Cryptography;
using System.Text;
using HistoryBot.Core.Semantic;

namespace HistoryBot.Tests.Semantic;

/// <summary>
/// Writes a store in the version 1 file format (before vectors were memory-mapped: per-vector int8 scales, a vector per
/// passage), as the code of that version wrote it, to pin that upgrades still read it.
/// </summary>
internal static class Version1File
{
    public static byte[] Write(EmbeddingStore store, ITextEmbedder embedder)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            var passages = store.Documents.SelectMany(d => d.Passages).ToList();
            writer.Write("HBEMBED\0"u8.ToArray());
            writer.Write(1u);
            writer.Write(store.ModelId);
            writer.Write(store.Dimensions);
            writer.Write(store.Fingerprint);
            writer.Write((byte)VectorEncoding.Int8);
            writer.Write(store.Documents.Count);
            writer.Write(passages.Count);
            writer.Write(store.SentenceCount);
            foreach (var document in store.Documents)
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

            var buffer = new byte[VectorQuantizer.EncodedSize(VectorEncoding.Int8, store.Dimensions)];
            foreach (var passage in passages)
            {
                VectorQuantizer.Encode(VectorEncoding.Int8, embedder.VectorOf(passage.PassageId), buffer);
                writer.Write(buffer);
            }

            var vector = new float[store.Dimensions];
            for (var r = 0; r < store.SentenceCount; r++)
            {
                var row = store.Matrix.Row(r);
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = row[i] * store.Matrix.InverseNorm(r);
                }

                VectorQuantizer.Encode(VectorEncoding.Int8, vector, buffer);
                writer.Write(buffer);
            }
        }

        var bytes = body.ToArray();
        return [.. bytes, .. SHA256.HashData(bytes)];
    }

    private static float[] VectorOf(this ITextEmbedder embedder, string text) => embedder.EmbedQuery(text);
}
