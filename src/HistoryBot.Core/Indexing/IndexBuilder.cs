using System.Diagnostics;
using HistoryBot.Core.Chunking;
using HistoryBot.Core.Corpus;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// Builds the Lucene index of a corpus, or updates it file by file, as one commit: whatever stops it before the commit
/// (an exception, cancellation, a crash) leaves the previous commit and its manifest in place. Run it under the
/// <see cref="BuildLock"/>.
/// </summary>
internal sealed class IndexBuilder(IndexOptions options, string indexPath, ILogger logger, IProgress<IndexProgress>? progress)
{
    /// <summary>Below this much text (about 1,000 passages), indexing runs on one thread.</summary>
    private const long ParallelIndexingMinBytes = 1 << 20;

    /// <summary>
    /// Indexes the files of <paramref name="scan"/>: only the files changed since <paramref name="previous"/> when it is
    /// given, else all of them into a new index (replacing the old one at the commit; <paramref name="clean"/> empties
    /// the folder first, for an index too damaged to be replaced in place). On an update, a file that is there but can't
    /// be read, or hidden in a folder that can't be read, keeps what was indexed from it before (one warning through
    /// <paramref name="kept"/>); only a file that is gone is removed.
    /// </summary>
    public (IndexBuildReport Report, CorpusManifest Manifest) Build(
        CorpusScan scan, string settings, IndexState? previous, bool clean, KeptContent kept, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var files = scan.Files;
        var previousEntries = previous?.Manifest.Files.ToDictionary(f => f.Id, StringComparer.Ordinal) ?? [];
        var incremental = previous is not null;
        var currentIds = files.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var hidden = CorpusManifest.Hidden(scan, previous?.Manifest);
        var removed = previousEntries.Keys.Where(id => !currentIds.Contains(id) && !scan.Hides(id)).ToList();

        // Which files need (re)indexing: all of them for a rebuild, else those whose content changed.
        var toIndex = new List<CorpusFile>();
        var entries = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        if (incremental)
        {
            foreach (var refreshed in CorpusManifest.Refresh(files, previous!.Manifest, options.FileSystem))
            {
                var file = refreshed.File;
                if (refreshed.Known is not { } known)
                {
                    toIndex.Add(file);
                }
                else if (refreshed.Kept)
                {
                    // Its entry stays as it was, old time included, so the file is read again once it can be.
                    entries[file.Id] = known;
                    kept.Kept(file.Id);
                }
                else
                {
                    entries[file.Id] = known with { LastWriteTicks = file.LastWriteTimeUtc.Ticks };
                }
            }
        }
        else
        {
            if (clean)
            {
                IndexState.CleanFolder(indexPath);
            }

            toIndex.AddRange(files);
        }

        logger.LogInformation(
            incremental ? "Updating the index: {Count} changed file(s), {Removed} removed." : "Building the index of {Count} file(s).",
            toIndex.Count,
            removed.Count);

        using var directory = IndexState.OpenDirectory(indexPath);
        var writer = OpenWriter(directory, incremental);
        IndexState.MarkUnfinished(indexPath);
        try
        {
            foreach (var id in removed)
            {
                writer.DeleteDocuments(new Term(IndexFields.Document, id));
            }

            var threads = IndexingThreads(toIndex);
            logger.LogDebug("Indexing with {Threads} analysis thread(s).", threads);
            new IndexPipeline(writer, new PassageChunker(options.Chunking), options.Readers, options.Limits, logger, progress, stopwatch)
            {
                FileSystem = options.FileSystem,
                Previous = previousEntries,
                Kept = kept,
            }.Run(toIndex, threads, entries, cancellationToken);

            var manifest = new CorpusManifest(
                settings, files.Select(f => entries[f.Id]).Concat(hidden).OrderBy(e => e.Id, StringComparer.Ordinal).ToList());
            var fingerprint = manifest.Fingerprint();
            IndexState.WritePendingManifest(indexPath, manifest);
            writer.SetCommitData(new Dictionary<string, string> { [IndexState.FingerprintKey] = fingerprint });
            writer.Commit();
            writer.Dispose();
            IndexState.PromotePendingManifest(indexPath, logger);
            IndexState.ClearUnfinished(indexPath);
            return (Report(manifest, incremental, toIndex.Count, removed.Count, stopwatch), manifest);
        }
        catch
        {
            // Disposing an IndexWriter commits what it holds: a half-applied update would then pass for the old corpus.
            if (Rollback(writer))
            {
                IndexState.ClearUnfinished(indexPath);
            }

            throw;
        }
    }

    private IndexWriter OpenWriter(Lucene.Net.Store.Directory directory, bool incremental)
    {
        try
        {
            return new IndexWriter(directory, WriterConfig(incremental));
        }
        catch (IOException e) when (!incremental)
        {
            // The old index is too damaged even to be replaced (its commit cannot be read): start from an empty folder.
            logger.LogWarning(e, "The index in {IndexPath} is damaged; removing it before rebuilding.", indexPath);
            IndexState.CleanFolder(indexPath);
            return new IndexWriter(directory, WriterConfig(incremental));
        }
    }

    private IndexWriterConfig WriterConfig(bool incremental)
    {
        return new IndexWriterConfig(HistoryBotAnalyzer.Lucene, HistoryBotAnalyzer.ForIndexing())
        {
            // CREATE on an existing index writes a new one beside it; the old one stays readable until the commit.
            OpenMode = incremental ? OpenMode.APPEND : OpenMode.CREATE,
            Similarity = PassageIndex.NewSimilarity(),
            Codec = new HistoryBotCodec(),
            RAMBufferSizeMB = options.RamBufferMegabytes,
            MaxBufferedDocs = IndexWriterConfig.DISABLE_AUTO_FLUSH,
            // Compound files cost a copy of every segment at flush and a slower read path; the index has few segments anyway.
            UseCompoundFile = false,
            MergePolicy = new TieredMergePolicy { NoCFSRatio = 0.0 },
        };
    }

    private bool Rollback(IndexWriter writer)
    {
        try
        {
            writer.Rollback();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            logger.LogWarning(e, "Could not roll back the unfinished index update in {IndexPath}.", indexPath);
            return false;
        }
    }

    /// <summary>
    /// How many threads feed the index writer. Parallel analysis pays off only on large corpora (and it makes the order of
    /// passages in the index depend on thread timing), so small corpora are indexed on one thread, deterministically.
    /// </summary>
    private int IndexingThreads(IReadOnlyList<CorpusFile> toIndex)
    {
        if (options.IndexingThreads > 0)
        {
            return options.IndexingThreads;
        }

        var bytes = toIndex.Sum(f => f.Length);
        return bytes < ParallelIndexingMinBytes ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);
    }

    private IndexBuildReport Report(CorpusManifest manifest, bool incremental, int indexed, int removed, Stopwatch stopwatch)
    {
        var stats = StatsOf(manifest);
        logger.LogInformation(
            "Indexed {Documents} document(s), {Passages} passage(s) in {Seconds:F2} s.",
            stats.Documents,
            stats.Passages,
            stopwatch.Elapsed.TotalSeconds);
        return new IndexBuildReport(
            incremental ? IndexBuildKind.Updated : IndexBuildKind.Rebuilt, stats, indexed, removed, stopwatch.Elapsed, SkippedOf(manifest));
    }

    public static IndexStats StatsOf(CorpusManifest manifest) => new(
        manifest.Files.Count(f => f.SkipReason is null),
        manifest.Files.Sum(f => f.Sections),
        manifest.Files.Sum(f => f.Passages),
        manifest.Files.Sum(f => f.Sentences));

    public static IReadOnlyList<SkippedFile> SkippedOf(CorpusManifest manifest) =>
        manifest.Files.Where(f => f.SkipReason is not null).Select(f => new SkippedFile(f.Id, f.SkipReason!)).ToList();
}
