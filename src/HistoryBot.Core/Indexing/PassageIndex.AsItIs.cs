using System.Diagnostics;
using HistoryBot.Core.Corpus;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Indexing;

/// <summary>Opening the index as it is, without building: when it is current, or when it can't be written.</summary>
internal sealed partial class PassageIndex
{
    /// <summary>ENOSPC (28) or EDQUOT (122) on Unix, ERROR_DISK_FULL (112) or ERROR_HANDLE_DISK_FULL (39) on Windows.</summary>
    private static bool IsDiskFull(IOException e) => e.HResult is 28 or 122 || (e.HResult & 0xFFFF) is 112 or 39;

    /// <summary>
    /// The index of a folder that can't be written, as it is: current when the corpus did not change, else the last
    /// commit as it was built. Null when there is none (or it is damaged: <see cref="IndexDamagedException"/>).
    /// </summary>
    private static PassageIndex? OpenAsItIs(
        string indexPath,
        CorpusScan files,
        string settings,
        IndexOptions options,
        KeptContent kept,
        bool check,
        IndexFolderNotWritableException notWritable,
        ILogger logger,
        Stopwatch stopwatch,
        CancellationToken cancellationToken)
    {
        if (check && IndexState.FindCorruption(indexPath, cancellationToken) is { } damage)
        {
            throw new IndexDamagedException(indexPath, IndexDamage.FileOf(damage), damage);
        }

        var integrity = check ? IndexIntegrity.Verified : IndexIntegrity.NotChecked;
        if (TryOpenCurrent(indexPath, files, settings, options, kept, logger, stopwatch, integrity) is { } current)
        {
            return current;
        }

        if (IndexState.Read(indexPath, logger) is not { } state || state.Manifest.Settings != settings
            || OpenStale(indexPath, state, stopwatch) is not { } stale)
        {
            return null;
        }

        logger.LogWarning(
            "The index folder {IndexPath} can't be written ({Reason}); answering from the index as it is, without the corpus changes since it was built. Make the folder writable, or pass --index with a writable folder.",
            indexPath,
            IndexDamage.Clean(notWritable.InnerException?.Message ?? notWritable.Message));
        return stale;
    }

    /// <summary>The last commit as it was built (its own manifest), for a folder that could not be updated.</summary>
    private static PassageIndex? OpenStale(string indexPath, IndexState state, Stopwatch stopwatch)
    {
        var directory = IndexState.OpenDirectory(indexPath);
        try
        {
            var report = new IndexBuildReport(
                IndexBuildKind.Reused, IndexBuilder.StatsOf(state.Manifest), 0, 0, stopwatch.Elapsed, IndexBuilder.SkippedOf(state.Manifest));
            return new PassageIndex(directory, DirectoryReader.Open(directory), report, indexPath, state.Manifest);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            directory.Dispose();
            return null;
        }
    }

    /// <summary>
    /// The index as it is, when it matches the corpus: every file unchanged (by size and time, else by hash), or there
    /// but unreadable, or hidden in a folder that can't be read (those keep what was indexed from them). Null otherwise.
    /// </summary>
    private static PassageIndex? TryOpenCurrent(
        string indexPath,
        CorpusScan files,
        string settings,
        IndexOptions options,
        KeptContent kept,
        ILogger logger,
        Stopwatch stopwatch,
        IndexIntegrity integrity)
    {
        var state = IndexState.Read(indexPath, logger);
        if (state is null || state.Manifest.Settings != settings)
        {
            return null;
        }

        var refreshed = CorpusManifest.Refresh(files.Files, state.Manifest, options.FileSystem);
        var hidden = CorpusManifest.Hidden(files, state.Manifest);
        if (refreshed.Any(r => r.Known is null) || refreshed.Count + hidden.Count != state.Manifest.Files.Count)
        {
            return null;
        }

        // A file that can't be read keeps its entry as it was, old time included, so it is read again once it can be.
        var manifest = new CorpusManifest(settings, refreshed
            .Select(r => r.Kept ? r.Known! : r.Known! with { LastWriteTicks = r.File.LastWriteTimeUtc.Ticks })
            .Concat(hidden)
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList());
        if (manifest.Fingerprint() != state.Fingerprint)
        {
            return null;
        }

        foreach (var file in refreshed.Where(r => r.Kept))
        {
            kept.Kept(file.File.Id);
        }

        // Files touched but unchanged: remember their new times so they are not hashed again next time.
        if (refreshed.Any(r => !r.Kept && r.Known!.LastWriteTicks != r.File.LastWriteTimeUtc.Ticks))
        {
            IndexState.TryWriteManifest(indexPath, manifest, logger);
        }

        var directory = IndexState.OpenDirectory(indexPath);
        try
        {
            var reader = DirectoryReader.Open(directory);
            var report = new IndexBuildReport(
                IndexBuildKind.Reused, IndexBuilder.StatsOf(manifest), 0, 0, stopwatch.Elapsed, IndexBuilder.SkippedOf(manifest), integrity);
            return new PassageIndex(directory, reader, report, indexPath, manifest);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            directory.Dispose();
            logger.LogWarning(e, "The index in {IndexPath} could not be opened; rebuilding it.", indexPath);
            return null;
        }
    }
}
