using System.Diagnostics;
using HistoryBot.Core.Chunking;
using HistoryBot.Core.Corpus;
using HistoryBot.Core.Retrieval;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// The opened, read-only Lucene index of a corpus. <see cref="Open"/> reuses the index when the corpus fingerprint
/// matches, and otherwise has <see cref="IndexBuilder"/> update or rebuild it under the <see cref="BuildLock"/>.
/// </summary>
internal sealed class PassageIndex : IDisposable
{
    private readonly LuceneDirectory _directory;
    private readonly ThreadLocal<QueryParser> _textParser = new(
        () => new QueryParser(HistoryBotAnalyzer.Lucene, IndexFields.Text, SharedIndexingAnalyzer) { DefaultOperator = Operator.OR });

    /// <summary>Analyzers are thread-safe (they keep per-thread token streams), so one serves every parser.</summary>
    private static readonly HistoryBotAnalyzer SharedIndexingAnalyzer = HistoryBotAnalyzer.ForIndexing();

    static PassageIndex() => HistoryBotCodec.Register();

    private PassageIndex(LuceneDirectory directory, DirectoryReader reader, IndexBuildReport report, string indexPath, CorpusManifest manifest)
    {
        DocumentTitles = manifest.Files.Where(f => f.SkipReason is null).Select(f => f.Title ?? f.Id).ToList();
        Documents = manifest.Files
            .Select(f => new IndexedDocument(
                f.Id, f.Title ?? Path.GetFileName(f.Id), DocumentScopes.Of(f.Id), f.Length, f.Sections, f.Passages, f.Sentences, f.SkipReason))
            .ToList();
        NewestFileTime = manifest.Files.Count == 0
            ? null
            : new DateTimeOffset(manifest.Files.Max(f => f.LastWriteTicks), TimeSpan.Zero);
        _directory = directory;
        Reader = reader;
        Searcher = new IndexSearcher(reader) { Similarity = NewSimilarity() };
        Report = report;
        IndexPath = indexPath;
        Fingerprint = IndexState.FingerprintOf(reader.IndexCommit);
    }

    public DirectoryReader Reader { get; }

    /// <summary>Shared, thread-safe searcher over the whole index.</summary>
    public IndexSearcher Searcher { get; }

    public IndexBuildReport Report { get; }

    public IndexStats Stats => Report.Stats;

    /// <summary>Titles of the indexed documents, in corpus order.</summary>
    public IReadOnlyList<string> DocumentTitles { get; }

    /// <summary>Every corpus file, indexed or skipped, in corpus order.</summary>
    public IReadOnlyList<IndexedDocument> Documents { get; }

    /// <summary>The newest modification time among the corpus files, from the manifest (the scan that opened the index).</summary>
    public DateTimeOffset? NewestFileTime { get; }

    /// <summary>The full path of the index folder.</summary>
    public string IndexPath { get; }

    /// <summary>The corpus fingerprint of the opened commit (null for an index made by something else).</summary>
    public string? Fingerprint { get; }

    internal static Similarity NewSimilarity() => new BM25Similarity();

    /// <summary>Opens the index for the corpus in <paramref name="options"/>, building or updating it as needed.</summary>
    /// <exception cref="CorpusNotFoundException">The corpus folder is missing or has no file of a readable format.</exception>
    public static PassageIndex Open(
        IndexOptions options,
        ILogger? logger = null,
        IProgress<IndexProgress>? progress = null,
        bool forceRebuild = false,
        bool verify = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        verify |= options.VerifyIntegrity;
        logger ??= NullLogger.Instance;
        var stopwatch = Stopwatch.StartNew();
        var files = CorpusScanner.Scan(options.CorpusDirectory, options.Readers.Extensions, logger);
        var indexPath = Path.GetFullPath(options.IndexDirectory);
        System.IO.Directory.CreateDirectory(indexPath);
        var settings = IndexState.SettingsOf(options.Chunking, options.Readers);

        // Checked when asked, after a build that did not finish, and when a file changed since the index was sealed.
        var check = verify || IndexState.IsUnfinished(indexPath)
            || (!forceRebuild && IndexSeal.HasIndexFiles(indexPath) && !IndexSeal.Matches(indexPath));
        if (!forceRebuild && !check
            && TryOpenCurrent(indexPath, files, settings, logger, stopwatch, IndexIntegrity.NotChecked) is { } current)
        {
            return current;
        }

        BuildLock buildLock;
        try
        {
            buildLock = BuildLock.Acquire(indexPath, options.BuildLockTimeout, logger, cancellationToken, options.LockOpener);
        }
        catch (IndexFolderNotWritableException e)
            when (OpenAsItIs(indexPath, files, settings, check, e, logger, stopwatch, cancellationToken) is { } asItIs)
        {
            return asItIs;
        }

        using var held = buildLock;
        var integrity = CheckIntegrity(indexPath, check, logger, cancellationToken);

        // Another process may have finished the same build while this one waited.
        if (!forceRebuild && integrity != IndexIntegrity.Repaired
            && TryOpenCurrent(indexPath, files, settings, logger, stopwatch, integrity) is { } builtMeanwhile)
        {
            return builtMeanwhile;
        }

        var state = forceRebuild || integrity == IndexIntegrity.Repaired ? null : IndexState.Read(indexPath, logger);
        var incremental = state is not null && state.Manifest.Settings == settings;
        IndexBuildReport report;
        CorpusManifest manifest;
        try
        {
            (report, manifest) = new IndexBuilder(options, indexPath, logger, progress)
                .Build(files, settings, incremental ? state : null, clean: integrity == IndexIntegrity.Repaired, stopwatch, cancellationToken);
        }
        catch (IOException e) when (incremental && IsDiskFull(e) && OpenStale(indexPath, state!, stopwatch) is { } old)
        {
            // The update was rolled back: the previous commit is intact and still answers.
            logger.LogWarning(
                "Updating the index in {IndexPath} failed ({Reason}); answering from the index as it was, without the corpus changes since. Free some space and run `historybot index --update`.",
                indexPath,
                IndexDamage.Clean(e.Message));
            return old;
        }

        IndexSeal.TryWrite(indexPath, logger);
        var directory = IndexState.OpenDirectory(indexPath);
        return new PassageIndex(directory, DirectoryReader.Open(directory), report with { Integrity = integrity }, indexPath, manifest);
    }

    /// <summary>ENOSPC (28) or EDQUOT (122) on Unix, ERROR_DISK_FULL (112) or ERROR_HANDLE_DISK_FULL (39) on Windows.</summary>
    private static bool IsDiskFull(IOException e) => e.HResult is 28 or 122 || (e.HResult & 0xFFFF) is 112 or 39;

    /// <summary>
    /// The index of a folder that can't be written, as it is: current when the corpus did not change, else the last
    /// commit as it was built. Null when there is none (or it is damaged: <see cref="IndexDamagedException"/>).
    /// </summary>
    private static PassageIndex? OpenAsItIs(
        string indexPath,
        IReadOnlyList<CorpusFile> files,
        string settings,
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
        if (TryOpenCurrent(indexPath, files, settings, logger, stopwatch, integrity) is { } current)
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
    /// Checks the index's checksums when <paramref name="check"/> says so (asked to, a build that did not finish, a file
    /// changed since the index was sealed). Returns <see cref="IndexIntegrity.Repaired"/> for a corrupt index, which the
    /// caller then rebuilds from an empty folder, after one warning naming the damaged file.
    /// </summary>
    private static IndexIntegrity CheckIntegrity(string indexPath, bool check, ILogger logger, CancellationToken cancellationToken)
    {
        if (!check)
        {
            return IndexIntegrity.NotChecked;
        }

        logger.LogInformation("Checking the checksums of the index in {IndexPath}.", indexPath);
        if (IndexState.FindCorruption(indexPath, cancellationToken) is { } corruption)
        {
            // The exception goes to the debug log: its message can hold binary garbage read from the damaged file.
            logger.LogDebug(corruption, "Checksum failure in {IndexPath}.", indexPath);
            logger.LogWarning(
                "The index file {File} in {IndexPath} is damaged ({Problem}); rebuilding the index.",
                IndexDamage.FileOf(corruption),
                indexPath,
                IndexDamage.Describe(corruption));
            return IndexIntegrity.Repaired;
        }

        IndexState.ClearUnfinished(indexPath);
        IndexSeal.TryWrite(indexPath, logger);
        return IndexIntegrity.Verified;
    }

    /// <summary>
    /// Verifies the checksums of the open index's files (after a read failed): the failure's cause when a file is
    /// damaged, else null.
    /// </summary>
    public Exception? FindDamage(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var leaf in Reader.Leaves)
            {
                cancellationToken.ThrowIfCancellationRequested();
                leaf.AtomicReader.CheckIntegrity();
            }

            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return e;
        }
    }

    public void Dispose()
    {
        _textParser.Dispose();
        Reader.Dispose();
        _directory.Dispose();
    }

    /// <summary>Parses Lucene query syntax against the passage text field only (one parser per thread, reused).</summary>
    /// <exception cref="QuerySyntaxException">The query is empty or malformed.</exception>
    public Query ParseTextQuery(string query) => UserQueries.Parse(_textParser.Value!, query);

    /// <summary>The top <paramref name="limit"/> passages for <paramref name="query"/>, loading only their id and text.</summary>
    public IReadOnlyList<PassageHit> TopPassages(Query query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        var top = Searcher.Search(query, Math.Max(1, limit));
        var hits = new List<PassageHit>(top.ScoreDocs.Length);
        foreach (var scoreDoc in top.ScoreDocs)
        {
            var visitor = new DocumentStoredFieldVisitor(IndexFields.Id, IndexFields.Text);
            Reader.Document(scoreDoc.Doc, visitor);
            var document = visitor.Document;
            hits.Add(new PassageHit(document.Get(IndexFields.Id) ?? string.Empty, document.Get(IndexFields.Text) ?? string.Empty, scoreDoc.Score));
        }

        return hits;
    }

    /// <summary>Whether any passage of the document <paramref name="documentId"/> has the index term <paramref name="term"/>.</summary>
    public bool DocumentHas(string documentId, string term)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.Document, documentId)), Occur.MUST },
            { new TermQuery(new Term(IndexFields.Text, term)), Occur.MUST },
        };
        var collector = new TotalHitCountCollector();
        Searcher.Search(query, collector);
        return collector.TotalHits > 0;
    }

    /// <summary>Reads a passage back from its stored fields (see <see cref="PassageDocuments"/>).</summary>
    public static Passage ToPassage(Document document) => PassageDocuments.ToPassage(document);

    private static PassageIndex? TryOpenCurrent(
        string indexPath, IReadOnlyList<CorpusFile> files, string settings, ILogger logger, Stopwatch stopwatch, IndexIntegrity integrity)
    {
        var state = IndexState.Read(indexPath, logger);
        if (state is null || state.Manifest.Settings != settings)
        {
            return null;
        }

        var refreshed = CorpusManifest.Refresh(files, state.Manifest);
        if (refreshed.Any(r => r.Known is null) || refreshed.Count != state.Manifest.Files.Count)
        {
            return null;
        }

        var manifest = new CorpusManifest(settings, refreshed.Select(r => r.Known! with
        {
            LastWriteTicks = r.File.LastWriteTimeUtc.Ticks,
        }).ToList());
        if (manifest.Fingerprint() != state.Fingerprint)
        {
            return null;
        }

        // Files touched but unchanged: remember their new times so they are not hashed again next time.
        if (refreshed.Any(r => r.Known!.LastWriteTicks != r.File.LastWriteTimeUtc.Ticks))
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
