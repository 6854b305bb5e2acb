using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mono.Unix;

namespace HistoryBot.Core.Corpus;

/// <summary>
/// Finds the corpus files (every file of a readable format below a folder, recursively) in a stable order. Only regular files are
/// taken; a symbolic link is followed only when its target lies inside the corpus folder, and each real file is listed
/// once however many links reach it. An entry that cannot be used (a broken link, a link loop or out of the corpus, a
/// FIFO or device, a name that is not valid UTF-8) is skipped with one warning naming it: nothing a corpus holds stops
/// the scan. A folder or file that is there but can't be read is reported as such (one warning for a folder), not as
/// gone, so that an index keeps what it read from it before.
/// </summary>
internal static class CorpusScanner
{

    /// <summary>Links followed one after another before a path counts as a loop (Linux's own limit).</summary>
    private const int MaxLinkHops = 40;

    /// <summary>The .txt and .md files below <paramref name="corpusDirectory"/>.</summary>
    /// <exception cref="CorpusNotFoundException">The folder is missing or holds no usable .txt/.md file.</exception>
    public static IReadOnlyList<CorpusFile> Scan(string corpusDirectory, ILogger? logger = null) =>
        Scan(corpusDirectory, DocumentReaders.Default.Extensions, logger);

    /// <param name="extensions">The extensions to take, with the dot (".pdf"), case-insensitive.</param>
    /// <exception cref="CorpusNotFoundException">The folder is missing or holds no usable file of those formats.</exception>
    public static IReadOnlyList<CorpusFile> Scan(string corpusDirectory, IReadOnlyList<string> extensions, ILogger? logger = null)
    {
        var scan = ScanAll(corpusDirectory, extensions, logger);
        return scan.Files.Count > 0 ? scan.Files : throw NoDocuments(corpusDirectory, extensions);
    }

    /// <summary>
    /// The files below <paramref name="corpusDirectory"/>, and the folders that are there but can't be read (whose files
    /// an index keeps as it last read them). No files is not an error here: the caller knows whether an index can keep
    /// anything.
    /// </summary>
    /// <exception cref="CorpusNotFoundException">The folder is missing.</exception>
    public static CorpusScan ScanAll(
        string corpusDirectory, IReadOnlyList<string> extensions, ILogger? logger = null, CorpusFileSystem? fileSystem = null)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        ArgumentException.ThrowIfNullOrWhiteSpace(corpusDirectory);
        logger ??= NullLogger.Instance;
        var root = Path.GetFullPath(corpusDirectory);
        if (!Directory.Exists(root) || RealPath(root) is not { } realRoot)
        {
            throw new CorpusNotFoundException($"The corpus folder '{corpusDirectory}' does not exist.");
        }

        var found = new List<Candidate>();
        var walk = new Walk(realRoot, extensions, logger, found, fileSystem ?? CorpusFileSystem.Disk, corpusDirectory);
        walk.Folder(root, realRoot, string.Empty, [realRoot], viaLink: false);

        // One entry per real file: the one reached without links if any, else the first by id.
        var files = found
            .GroupBy(c => c.RealPath, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.ViaLink).ThenBy(c => c.Id, StringComparer.Ordinal).First())
            .Select(c => new CorpusFile(c.Id, c.RealPath, c.Length, c.LastWriteTimeUtc, c.Readable))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        return new CorpusScan(files, walk.UnreadableFolders);
    }

    public static CorpusNotFoundException NoDocuments(string corpusDirectory, IReadOnlyList<string> extensions) => new(
        $"The corpus folder '{corpusDirectory}' has no documents ({string.Join(", ", extensions)}). Add documents to it, or point --corpus at another folder.");

    /// <summary>A file name fit for a terminal or a log: control characters and undecodable bytes shown as escapes.</summary>
    public static string Printable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c))
            {
                builder.Append(c == '\uFFFD' ? "\\x??" : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private sealed record Candidate(string Id, string RealPath, long Length, DateTime LastWriteTimeUtc, bool ViaLink, bool Readable);

    private sealed class Walk(
        string realRoot, IReadOnlyList<string> extensions, ILogger logger, List<Candidate> found, CorpusFileSystem fileSystem, string corpusDirectory)
    {
        /// <summary>Id prefixes ("notes/", or "" for the corpus folder itself) of the folders that could not be listed.</summary>
        public List<string> UnreadableFolders { get; } = [];

        /// <param name="ancestors">Real paths of the folders above, to tell a link loop from a second link to a folder.</param>
        public void Folder(string path, string realPath, string idPrefix, HashSet<string> ancestors, bool viaLink)
        {
            FileSystemInfo[] entries;
            try
            {
                entries = fileSystem.List(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                if (e is DirectoryNotFoundException)
                {
                    logger.LogWarning(e, "Skipped the folder {Folder}: it vanished while the corpus was scanned.", Printable(idPrefix.TrimEnd('/')));
                    return;
                }

                // There but unreadable (mode 000, say): its documents are not gone, so an index keeps what it read before.
                UnreadableFolders.Add(idPrefix);
                logger.LogWarning(
                    e,
                    "Can't read the folder {Folder}; the documents indexed from it before are kept as they were until it can be read again.",
                    idPrefix.Length == 0 ? corpusDirectory : Printable(idPrefix.TrimEnd('/')));
                return;
            }

            foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                Entry(entry, realPath, idPrefix, ancestors, viaLink);
            }
        }

        private void Entry(FileSystemInfo entry, string folderRealPath, string idPrefix, HashSet<string> ancestors, bool viaLink)
        {
            var name = entry.Name;
            if (name.StartsWith('.'))
            {
                return; // Hidden, as the scan always treated dot files and folders.
            }

            var id = idPrefix + name;
            var wanted = extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase);
            if (name.Contains('\uFFFD', StringComparison.Ordinal))
            {
                // .NET decodes file names as UTF-8 and replaces bad bytes, so such a name cannot be opened again.
                logger.LogWarning("Skipped {File}: its name is not valid UTF-8.", Printable(id));
                return;
            }

            var isLink = entry.LinkTarget is not null;
            var realPath = isLink ? RealPath(entry.FullName) : Path.Combine(folderRealPath, name);
            if (realPath is null)
            {
                logger.LogWarning("Skipped {File}: it is a broken symbolic link or a link loop.", Printable(id));
                return;
            }

            if (isLink && !IsInside(realPath, realRoot))
            {
                logger.LogWarning("Skipped {File}: the symbolic link points outside the corpus folder.", Printable(id));
                return;
            }

            var kind = KindOf(realPath);
            if (kind == EntryKind.Folder)
            {
                if (ancestors.Contains(realPath))
                {
                    logger.LogWarning("Skipped {File}: the symbolic link makes a loop.", Printable(id));
                    return;
                }

                Folder(entry.FullName, realPath, id + "/", [.. ancestors, realPath], viaLink || isLink);
            }
            else if (!wanted)
            {
                return;
            }
            else if (kind == EntryKind.Missing)
            {
                logger.LogWarning("Skipped {File}: it vanished while the corpus was scanned.", Printable(id));
            }
            else if (kind == EntryKind.Other)
            {
                logger.LogWarning("Skipped {File}: it is not a regular file (a FIFO, device or socket).", Printable(id));
            }
            else
            {
                var info = new FileInfo(realPath);
                found.Add(new Candidate(id, realPath, info.Length, info.LastWriteTimeUtc, viaLink || isLink, fileSystem.CanRead(realPath)));
            }
        }
    }

    private enum EntryKind
    {
        Missing,
        File,
        Folder,
        Other,
    }

    /// <summary>What <paramref name="realPath"/> (no links left in it) is, from its status alone: nothing is opened.</summary>
    private static EntryKind KindOf(string realPath)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(realPath) ? EntryKind.Folder : File.Exists(realPath) ? EntryKind.File : EntryKind.Missing;
        }

        // .NET tells no regular file from a FIFO or a device, and opening a FIFO blocks until something writes to it.
        var status = new UnixFileInfo(realPath);
        return !status.Exists ? EntryKind.Missing
            : status.IsDirectory ? EntryKind.Folder
            : status.IsRegularFile ? EntryKind.File
            : EntryKind.Other;
    }

    private static bool IsInside(string realPath, string realRoot) =>
        realPath == realRoot || realPath.StartsWith(Path.EndsInDirectorySeparator(realRoot) ? realRoot : realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="path"/> with every symbolic link in it resolved (like realpath(3)), or null when a link is broken
    /// or the links make a loop. Written here because .NET resolves links only in a path's last part.
    /// </summary>
    internal static string? RealPath(string path)
    {
        var pending = new Stack<string>(Path.GetFullPath(path).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = Path.GetPathRoot(Path.GetFullPath(path)) ?? "/";
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(next);
            if (info.LinkTarget is not { } target)
            {
                if (!info.Exists && !Directory.Exists(next))
                {
                    return null;
                }

                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            // Resolve the target's own parts next: an absolute target starts again from the root.
            foreach (var targetPart in target.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(targetPart);
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? "/";
            }
        }

        return current;
    }
}
