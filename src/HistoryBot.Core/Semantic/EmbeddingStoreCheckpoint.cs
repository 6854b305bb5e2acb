using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Semantic;

/// <summary>
/// Embeds a list of texts in slices, appending each slice's vectors to a partial file and flushing it to disk, so that an
/// interrupted build (a crash, Ctrl-C, a kill) resumes where it stopped instead of starting again. The file is keyed by a
/// hash of the model and of every text to embed (which covers the corpus fingerprint and settings): vectors are reused
/// only for exactly the same work. It is removed once the store is saved.
/// </summary>
internal sealed class EmbeddingStoreCheckpoint(string folder, int interval, ILogger logger)
{
    /// <summary>Texts embedded between two flushes: about 20 s of work on two cores, the most an interruption loses.</summary>
    public const int DefaultInterval = 2000;

    private static readonly byte[] Magic = "HBPARTL\0"u8.ToArray();
    private const int KeySize = 32;

    public string Path { get; } = System.IO.Path.Combine(folder, "embeddings.partial");

    /// <summary>Embeds <paramref name="texts"/>, reusing the vectors a previous, interrupted run of the same work saved.</summary>
    public float[][] Embed(ITextEmbedder embedder, IReadOnlyList<string> texts, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var key = Key(embedder, texts);
        var vectors = new List<float[]>(texts.Count);
        Directory.CreateDirectory(folder);
        using var file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        Resume(file, key, embedder.Dimensions, texts.Count, vectors);
        if (vectors.Count > 0)
        {
            logger.LogInformation("Resuming an interrupted embedding: {Done:N0} of {Total:N0} text(s) were already embedded.", vectors.Count, texts.Count);
            progress?.Report(vectors.Count);
        }

        var rowBytes = embedder.Dimensions * sizeof(float);
        var buffer = new byte[rowBytes];
        while (vectors.Count < texts.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = vectors.Count;
            var slice = texts.Skip(start).Take(Math.Max(1, interval)).ToList();
            var offsetProgress = progress is null ? null : new OffsetProgress(progress, start);
            var embedded = embedder.EmbedPassages(slice, offsetProgress, cancellationToken);
            if (embedded.Length != slice.Count)
            {
                throw new InvalidOperationException($"The embedder returned {embedded.Length} vector(s) for {slice.Count} text(s).");
            }

            foreach (var vector in embedded)
            {
                if (vector.Length != embedder.Dimensions)
                {
                    throw new InvalidOperationException($"The embedder returned a vector of {vector.Length} dimensions; expected {embedder.Dimensions}.");
                }

                Buffer.BlockCopy(vector, 0, buffer, 0, rowBytes);
                file.Write(buffer);
            }

            file.Flush(flushToDisk: true);
            vectors.AddRange(embedded);
        }

        return [.. vectors];
    }

    /// <summary>Removes the partial file once its vectors are saved in the store.</summary>
    public void Complete()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not remove the partial embeddings file {Path}.", Path);
        }
    }

    /// <summary>Reads the complete rows of a file made for <paramref name="key"/>; otherwise starts the file afresh.</summary>
    private static void Resume(FileStream file, byte[] key, int dimensions, int total, List<float[]> vectors)
    {
        var headerSize = Magic.Length + KeySize + sizeof(int);
        var rowBytes = dimensions * sizeof(float);
        var header = new byte[headerSize];
        file.Position = 0;
        if (file.Length >= headerSize && file.ReadAtLeast(header, headerSize, throwOnEndOfStream: false) == headerSize
            && header.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            && header.AsSpan(Magic.Length, KeySize).SequenceEqual(key)
            && BitConverter.ToInt32(header, Magic.Length + KeySize) == dimensions)
        {
            // A row cut short by the interruption is dropped and embedded again.
            var rows = (int)Math.Min(total, (file.Length - headerSize) / rowBytes);
            var row = new byte[rowBytes];
            for (var r = 0; r < rows; r++)
            {
                file.ReadExactly(row);
                var vector = new float[dimensions];
                Buffer.BlockCopy(row, 0, vector, 0, rowBytes);
                vectors.Add(vector);
            }

            file.SetLength(headerSize + ((long)rows * rowBytes));
            file.Position = file.Length;
            return;
        }

        file.SetLength(0);
        file.Write(Magic);
        file.Write(key);
        file.Write(BitConverter.GetBytes(dimensions));
        file.Flush(flushToDisk: true);
    }

    private static byte[] Key(ITextEmbedder embedder, IReadOnlyList<string> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{embedder.ModelId}\0{embedder.Dimensions}\0{texts.Count}\0"));
        foreach (var text in texts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Reports progress within a slice as progress over all the texts.</summary>
    private sealed class OffsetProgress(IProgress<int> inner, int offset) : IProgress<int>
    {
        public void Report(int value) => inner.Report(offset + value);
    }
}
