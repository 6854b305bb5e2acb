using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HistoryBot.Core.Corpus;

namespace HistoryBot.Core.Indexing;

/// <summary>What was indexed from one file: enough to tell, without reading it, whether it changed.</summary>
internal sealed record ManifestEntry(
    string Id,
    long Length,
    long LastWriteTicks,
    string Sha256,
    string? SkipReason,
    int Passages,
    int Sections,
    int Sentences,
    string? Title);

/// <summary>The list of corpus files behind an index, with the settings that shaped it.</summary>
internal sealed record CorpusManifest(string Settings, IReadOnlyList<ManifestEntry> Files)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Fingerprint of the corpus content and settings (paths, sizes, hashes; not times).</summary>
    public string Fingerprint()
    {
        var builder = new StringBuilder(Settings).Append('\n');
        foreach (var f in Files.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            builder.Append(f.Id).Append('\t').Append(f.Length).Append('\t').Append(f.Sha256).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static CorpusManifest? TryDeserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CorpusManifest>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string HashOf(string content) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    /// <summary>The file's SHA-256, or an empty string (matching no entry) when it vanished or cannot be read.</summary>
    private static string TryHashFile(string path)
    {
        try
        {
            return HashFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// The current state of <paramref name="files"/>: entries of <paramref name="previous"/> are reused when
    /// size and modification time are unchanged, so unchanged files are not read.
    /// </summary>
    public static IReadOnlyList<(CorpusFile File, string Sha256, ManifestEntry? Known)> Refresh(
        IReadOnlyList<CorpusFile> files, CorpusManifest? previous)
    {
        var known = previous?.Files.ToDictionary(f => f.Id, StringComparer.Ordinal) ?? [];
        var result = new List<(CorpusFile, string, ManifestEntry?)>(files.Count);
        foreach (var file in files)
        {
            if (known.TryGetValue(file.Id, out var entry)
                && entry.Length == file.Length
                && entry.LastWriteTicks == file.LastWriteTimeUtc.Ticks)
            {
                result.Add((file, entry.Sha256, entry));
                continue;
            }

            var hash = TryHashFile(file.FullPath);
            result.Add((file, hash, hash.Length > 0 && known.TryGetValue(file.Id, out entry) && entry.Sha256 == hash ? entry : null));
        }

        return result;
    }
}
