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
internal sealed partial class PassageIndex : IDisposable
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
        Searcher = new PassageSearcher(reader) { Similarity = NewSimilarity() };
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
        var files = CorpusScanner.ScanAll(options.CorpusDirectory, options.Readers.Extensions, logger, options.FileSystem);
        if (files.Files.Count == 0 && files.UnreadableFolders.Count == 0)
        {
            throw CorpusScanner.NoDocuments(options.CorpusDirectory, options.Readers.Extensions);
        }

        var kept = new KeptContent(logger);
        var indexPath = Path.GetFullPath(options.IndexDirectory);
        System.IO.Directory.CreateDirectory(indexPath);
        var settings = IndexState.SettingsOf(options.Chunking, options.Readers);

        // Checked when asked, after a build that did not finish, and when a file changed since the index was sealed.
        var check = verify || IndexState.IsUnfinished(indexPath)
            || (!forceRebuild && IndexSeal.HasIndexFiles(indexPath) && !IndexSeal.Matches(indexPath));
        if (!forceRebuild && !check
            && TryOpenCurrent(indexPath, files, settings, options, kept, logger, stopwatch, IndexIntegrity.NotChecked) is { } current)
        {
            return current;
        }

        BuildLock buildLock;
        try
        {
            buildLock = BuildLock.Acquire(indexPath, options.BuildLockTimeout, logger, cancellationToken, options.LockOpener);
        }
        catch (IndexFolderNotWritableException e)
            when (OpenAsItIs(indexPath, files, settings, options, kept, check, e, logger, stopwatch, cancellationToken) is { } asItIs)
        {
            return asItIs;
        }

        using var held = buildLock;
        var integrity = CheckIntegrity(indexPath, check, logger, cancellationToken);

        // Another process may have finished the same build while this one waited.
        if (!forceRebuild && integrity != IndexIntegrity.Repaired
            && TryOpenCurrent(indexPath, files, settings, options, kept, logger, stopwatch, integrity) is { } builtMeanwhile)
        {
            return builtMeanwhile;
        }

        var state = forceRebuild || integrity == IndexIntegrity.Repaired ? null : IndexState.Read(indexPath, logger);
        var incremental = state is not null && state.Manifest.Settings == settings;
        if (files.Files.Count == 0 && (!incremental || CorpusManifest.Hidden(files, state!.Manifest).Count == 0))
        {
            // Only folders that can't be read, and no index that read them before: nothing to answer from.
            throw CorpusScanner.NoDocuments(options.CorpusDirectory, options.Readers.Extensions);
        }

        IndexBuildReport report;
        CorpusManifest manifest;
        try
        {
            (report, manifest) = new IndexBuilder(options, indexPath, logger, progress)
                .Build(files, settings, incremental ? state : null, clean: integrity == IndexIntegrity.Repaired, kept, stopwatch, cancellationToken);
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
        ((PassageSearcher)Searcher).Dispose();
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
}
