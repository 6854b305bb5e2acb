using System.Globalization;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file beside it, is flushed to disk, and is then renamed
/// over the target. A reader sees the old file or the new one, never a part-written one, whatever stops the writer.
/// </summary>
internal static class AtomicFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; the temporary file is removed on failure.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var temp = string.Create(CultureInfo.InvariantCulture, $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte order mark) to <paramref name="path"/>, atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file is harmless and is overwritten by no one.
        }
    }
}
