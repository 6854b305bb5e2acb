using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using HistoryBot.Core.Chunking;
using HistoryBot.Core.Corpus;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// Feeds corpus files to an index writer: one producer reads, parses and chunks the files while consumers analyse and add
/// them (IndexWriter is thread-safe), through a bounded channel that keeps memory flat however large the corpus.
/// </summary>
internal sealed class IndexPipeline(
    IndexWriter writer, PassageChunker chunker, DocumentReaders readers, DocumentLimits limits, ILogger logger, IProgress<IndexProgress>? progress, Stopwatch stopwatch)
{
    /// <summary>Prepared files waiting for a consumer: enough to keep them busy, few enough to bound memory.</summary>
    private const int QueueCapacity = 64;

    private readonly Lock _progressLock = new();
    private int _filesDone;
    private int _passages;
    private int _filesTotal;

    public CorpusFileSystem FileSystem { get; init; } = CorpusFileSystem.Disk;

    /// <summary>
    /// What the index held before an update (empty for a new index): a file that can't be read now keeps its entry
    /// and its passages.
    /// </summary>
    public IReadOnlyDictionary<string, ManifestEntry> Previous { get; init; } = new Dictionary<string, ManifestEntry>();

    /// <summary>Warns of the files kept as they were.</summary>
    public KeptContent? Kept { get; init; }

    private bool Incremental => Previous.Count > 0;

    /// <summary>A file read, parsed and chunked, ready for the index writer (<paramref name="Keep"/>: left as it was).</summary>
    private sealed record PreparedFile(CorpusFile File, ManifestEntry Entry, IReadOnlyList<Document> Documents, bool Keep = false);

    /// <summary>
    /// Indexes <paramref name="toIndex"/> with <paramref name="threads"/> consumers (on this thread alone when 1, which keeps
    /// the order of passages deterministic), recording each file's manifest entry in <paramref name="entries"/>.
    /// </summary>
    public void Run(IReadOnlyList<CorpusFile> toIndex, int threads, Dictionary<string, ManifestEntry> entries, CancellationToken cancellationToken)
    {
        _filesTotal = toIndex.Count;
        if (threads <= 1)
        {
            foreach (var file in toIndex)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var prepared = Prepare(file, cancellationToken);
                entries[file.Id] = prepared.Entry;
                Add(prepared);
            }

            return;
        }

        // No synchronisation context is captured (ConfigureAwait(false) throughout), so blocking here cannot deadlock.
        RunParallelAsync(toIndex, threads, entries, cancellationToken).GetAwaiter().GetResult();
    }

    private async Task RunParallelAsync(
        IReadOnlyList<CorpusFile> toIndex, int threads, Dictionary<string, ManifestEntry> entries, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<PreparedFile>(new BoundedChannelOptions(QueueCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consumers = new Task[threads];
        for (var t = 0; t < threads; t++)
        {
            consumers[t] = Task.Run(() => ConsumeAsync(channel.Reader, stop), CancellationToken.None);
        }

        Exception? producerError = null;
        try
        {
            foreach (var file in toIndex)
            {
                stop.Token.ThrowIfCancellationRequested();
                var prepared = Prepare(file, cancellationToken);
                entries[file.Id] = prepared.Entry;
                await channel.Writer.WriteAsync(prepared, stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            producerError = e;
            await stop.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(consumers).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Inspected below: a consumer's own failure matters more than the cancellation it caused elsewhere.
        }

        cancellationToken.ThrowIfCancellationRequested();
        var consumerError = consumers
            .Where(c => c.Exception is not null)
            .SelectMany(c => c.Exception!.InnerExceptions)
            .FirstOrDefault(e => e is not OperationCanceledException);
        if ((consumerError ?? producerError) is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    private async Task ConsumeAsync(ChannelReader<PreparedFile> reader, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var prepared in reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                Add(prepared);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Add(PreparedFile prepared)
    {
        if (Incremental && !prepared.Keep)
        {
            writer.DeleteDocuments(new Term(IndexFields.Document, prepared.File.Id));
        }

        if (prepared.Documents.Count > 0)
        {
            writer.AddDocuments(prepared.Documents);
        }

        var done = Interlocked.Increment(ref _filesDone);
        var total = Interlocked.Add(ref _passages, prepared.Entry.Passages);
        if (progress is not null)
        {
            lock (_progressLock)
            {
                progress.Report(new IndexProgress(done, _filesTotal, total, stopwatch.Elapsed));
            }
        }
    }

    private PreparedFile Prepare(CorpusFile file, CancellationToken cancellationToken)
    {
        var ticks = file.LastWriteTimeUtc.Ticks;
        byte[] bytes;
        try
        {
            bytes = FileSystem.ReadAllBytes(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!CorpusFileSystem.IsGone(e) && Previous.TryGetValue(file.Id, out var last))
            {
                // There but unreadable (it was readable a moment ago, when it was hashed): what was indexed from it stays.
                logger.LogDebug(e, "Reading {File} failed.", CorpusScanner.Printable(file.Id));
                Kept?.Kept(file.Id);
                return new PreparedFile(file, last, [], Keep: true);
            }

            // Vanished or unreadable since the scan: left out of this index (length -1 never matches, so it is retried).
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "it vanished while it was indexed" : "it could not be read";
            logger.LogWarning(e, "Skipped {File}: {Reason}.", CorpusScanner.Printable(file.Id), why);
            return new PreparedFile(file, new ManifestEntry(file.Id, -1, ticks, string.Empty, why, 0, 0, 0, null), []);
        }

        var hash = Convert.ToHexString(SHA256.HashData(bytes));
        var read = readers.Read(file.Id, bytes, cancellationToken);
        var (document, reason) = read;
        if (read.Note is not null && document is not null)
        {
            logger.LogWarning("{File}: {Note}.", CorpusScanner.Printable(file.Id), read.Note);
        }

        if (document is null)
        {
            logger.LogWarning("Skipped {File}: {Reason}.", CorpusScanner.Printable(file.Id), reason);
            return new PreparedFile(file, new ManifestEntry(file.Id, bytes.LongLength, ticks, hash, reason, 0, 0, 0, null), []);
        }

        var passages = chunker.Chunk(document);
        if (passages.Count > limits.MaxPassagesPerDocument)
        {
            var tooMany = string.Create(
                CultureInfo.InvariantCulture,
                $"it gives {passages.Count:N0} passages, more than the {limits.MaxPassagesPerDocument:N0} allowed (Index:Limits:MaxPassagesPerDocument)");
            logger.LogWarning("Skipped {File}: {Reason}.", CorpusScanner.Printable(file.Id), tooMany);
            return new PreparedFile(file, new ManifestEntry(file.Id, bytes.LongLength, ticks, hash, tooMany, 0, 0, 0, null), []);
        }

        var documents = new Document[passages.Count];
        var sections = new HashSet<string>(StringComparer.Ordinal);
        var sentences = 0;
        for (var i = 0; i < passages.Count; i++)
        {
            var passage = passages[i];
            documents[i] = PassageDocuments.ToDocument(passage);
            sentences += passage.Sentences.Count;
            if (passage.Section is not null)
            {
                sections.Add(passage.Section);
            }
        }

        var entry = new ManifestEntry(file.Id, bytes.LongLength, ticks, hash, null, passages.Count, sections.Count, sentences, document.Title);
        return new PreparedFile(file, entry, documents);
    }
}
