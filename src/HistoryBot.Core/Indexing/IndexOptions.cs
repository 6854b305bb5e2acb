using System.ComponentModel.DataAnnotations;
using HistoryBot.Core.Chunking;
using HistoryBot.Core.Corpus;

namespace HistoryBot.Core.Indexing;

public sealed class IndexOptions
{
    /// <summary>The folder of documents to index (every file that <see cref="Readers"/> can read).</summary>
    [Required]
    public string CorpusDirectory { get; set; } = "corpus";

    /// <summary>Where the index lives. Default: .historybot/index under the current directory.</summary>
    [Required]
    public string IndexDirectory { get; set; } = Path.Combine(".historybot", "index");

    public ChunkingOptions Chunking { get; set; } = new();

    /// <summary>What one document may cost to read (zip bombs, generated monsters): Index:Limits:*.</summary>
    public DocumentLimits Limits { get; set; } = new();

    /// <summary>
    /// Whether the long-running commands (chat, discord) watch the corpus folder and re-index changed documents while
    /// they run (Index:WatchCorpus).
    /// </summary>
    public bool WatchCorpus { get; set; } = true;

    /// <summary>
    /// The document formats to read: .txt and .md unless the app adds more (HistoryBot.Documents). Not a configuration
    /// key: set in code by whoever opens the index.
    /// </summary>
    public DocumentReaders Readers { get; set; } = DocumentReaders.Default;

    /// <summary>Opens the build lock file exclusively; null opens it on disk (a seam for tests: a read-only folder as root).</summary>
    internal Func<string, FileStream>? LockOpener { get; set; }

    /// <summary>Lists the corpus folders and reads the files: the disk (a seam for tests: a mode-000 file as root).</summary>
    internal CorpusFileSystem FileSystem { get; set; } = CorpusFileSystem.Disk;

    /// <summary>How long a process waits for another one that is building the same index.</summary>
    public TimeSpan BuildLockTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Size of Lucene's in-memory buffer before it flushes a segment. 128 MB, not more: a flush then happens on one
    /// indexing thread while the others keep analysing, instead of all of it at the final commit on one thread.
    /// </summary>
    [Range(16, 4096)]
    public double RamBufferMegabytes { get; set; } = 128;

    /// <summary>
    /// Verify the Lucene checksums of every index file when opening (as is always done after a build that did not
    /// finish), rebuilding a corrupt index. Costs a read of the whole index.
    /// </summary>
    public bool VerifyIntegrity { get; set; }

    /// <summary>Threads that analyse passages for the index writer; 0 picks by corpus size and core count.</summary>
    [Range(0, 16)]
    public int IndexingThreads { get; set; }
}
