using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// The size and modification time of every Lucene file of an index whose checksums were last found sound (just built or
/// verified). A file changed since (a byte flipped by a tool, a partial copy) breaks the seal, and the next open checks
/// every checksum before trusting the index: a cheap way to catch damage at open time, where checking always would cost
/// a read of the whole index. Damage that leaves size and time alone (a bad sector) is caught when a read fails.
/// </summary>
internal static class IndexSeal
{
    public const string FileName = "index.seal";

    /// <summary>Whether the folder holds Lucene files at all.</summary>
    public static bool HasIndexFiles(string indexPath) => LuceneFiles(indexPath).Any();

    /// <summary>True when the seal exists and names exactly the Lucene files there are, each with its size and time.</summary>
    public static bool Matches(string indexPath)
    {
        try
        {
            var path = Path.Combine(indexPath, FileName);
            if (!File.Exists(path))
            {
                return false;
            }

            var sealedFiles = File.ReadAllLines(path).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
            var current = Stamps(indexPath);
            return sealedFiles.SetEquals(current);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Seals the index as it is now; a folder that can't be written is left unsealed (checked at every open).</summary>
    public static void TryWrite(string indexPath, ILogger logger)
    {
        var path = Path.Combine(indexPath, FileName);
        try
        {
            var text = new StringBuilder();
            foreach (var stamp in Stamps(indexPath))
            {
                text.Append(stamp).Append('\n');
            }

            AtomicFile.WriteAllText(path, text.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug(e, "Could not write {Path}; the index's checksums will be checked at every open.", path);
        }
    }

    private static List<string> Stamps(string indexPath) =>
        [.. LuceneFiles(indexPath).Order(StringComparer.Ordinal).Select(file =>
        {
            var info = new FileInfo(file);
            return string.Create(CultureInfo.InvariantCulture, $"{info.Name}\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}");
        })];

    /// <summary>Lucene's own files: segments_N, segments.gen and the segment files (_0.fdt...); not the lock or ours.</summary>
    private static IEnumerable<string> LuceneFiles(string indexPath) =>
        Directory.Exists(indexPath)
            ? Directory.EnumerateFiles(indexPath).Where(f => Path.GetFileName(f) is var name
                && (name.StartsWith('_') || name.StartsWith("segments", StringComparison.Ordinal)) && !name.EndsWith(".tmp", StringComparison.Ordinal))
            : [];
}
