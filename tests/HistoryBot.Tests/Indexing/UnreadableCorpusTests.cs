using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Indexing;

/// <summary>
/// A corpus file or folder that is there but can't be read (mode 000) keeps what was indexed from it before, with one
/// warning naming it; only a file that is really gone leaves the index. The audit saw "When did Lenin die?" quote an
/// execution in 1938 from another document once the article could not be read.
/// </summary>
public sealed class UnreadableCorpusTests : IDisposable
{
    private static readonly AnswerOptions Lexical = new() { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical } };

    private readonly TempCorpus _corpus = new();
    private readonly RefusingFileSystem _disk = new();
    private readonly ListLogger _logger = new();

    public void Dispose() => _corpus.Dispose();

    private IndexOptions Options() => new()
    {
        CorpusDirectory = _corpus.CorpusDirectory,
        IndexDirectory = _corpus.IndexDirectory,
        FileSystem = _disk,
    };

    private HistoryBotEngine Open()
    {
        using var builder = new HistoryBotEngineBuilder(ListLoggerProvider.Factory(_logger));
        return builder.Build(Options(), Lexical);
    }

    private string Path(string id) => System.IO.Path.Combine(_corpus.CorpusDirectory, id);

    private void WriteArticles()
    {
        _corpus.Write("soviet/lenin.txt", "Lenin\n\nLenin died in January 1924 at Gorki after a series of strokes.\n");
        _corpus.Write("soviet/trotsky.txt", "Trotsky\n\nTrotsky was exiled in 1929 and murdered in Mexico in 1940.\n");
        _corpus.Write("purges.txt", "The Purges\n\nBukharin was tried and executed in 1938 after a show trial.\n");
    }

    /// <summary>Makes the file newer and different, as an edit just before a chmod would.</summary>
    private void Edit(string id, string text)
    {
        File.WriteAllText(Path(id), text);
        File.SetLastWriteTimeUtc(Path(id), DateTime.UtcNow.AddMinutes(5));
    }

    private static int Hits(HistoryBotEngine engine, string word) => engine.SearchPassages(word, textOnly: true).Count;

    [Fact]
    public void Open_ChangedFileThatCantBeRead_KeepsItsLastIndexedContentWithOneWarning()
    {
        WriteArticles();
        using (Open())
        {
        }

        Edit("soviet/lenin.txt", "Lenin\n\nLenin was embalmed and shown in a mausoleum on Red Square.\n");
        _disk.Refuse(Path("soviet/lenin.txt"));
        using (var engine = Open())
        {
            Assert.Equal(3, engine.Stats.Documents);
            Assert.Equal(1, Hits(engine, "strokes"));
            Assert.Equal(0, Hits(engine, "mausoleum"));
            Assert.Contains("Lenin died in January 1924", engine.Ask("When did Lenin die?").Quote?.Text.Text, StringComparison.Ordinal);
        }

        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("soviet/lenin.txt", warning, StringComparison.Ordinal);

        // Readable again: its new content is read at last.
        _disk.Allow(Path("soviet/lenin.txt"));
        using (var engine = Open())
        {
            Assert.Equal(IndexBuildKind.Updated, engine.IndexReport.Kind);
            Assert.Equal(0, Hits(engine, "strokes"));
            Assert.Equal(1, Hits(engine, "mausoleum"));
        }
    }

    [Fact]
    public void Open_UnchangedFileThatCantBeRead_IsKeptAndNamedInOneWarning()
    {
        WriteArticles();
        using (Open())
        {
        }

        _disk.Refuse(Path("purges.txt"));
        using var engine = Open();

        Assert.Equal(3, engine.Stats.Documents);
        Assert.Equal(1, Hits(engine, "bukharin"));
        Assert.Contains("purges.txt", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FolderThatCantBeRead_KeepsItsDocumentsWithOneWarningNamingIt()
    {
        WriteArticles();
        using (Open())
        {
        }

        _disk.Refuse(Path("soviet"));
        using (var engine = Open())
        {
            Assert.Equal(3, engine.Stats.Documents);
            Assert.Equal(1, Hits(engine, "strokes"));
            Assert.Equal(1, Hits(engine, "mexico"));
            Assert.Contains("Lenin died in January 1924", engine.Ask("When did Lenin die?").Quote?.Text.Text, StringComparison.Ordinal);
        }

        Assert.Contains("soviet", Assert.Single(_logger.Warnings), StringComparison.Ordinal);

        // A file deleted while the folder could not be read is gone once it can be read again.
        _disk.Allow(Path("soviet"));
        File.Delete(Path("soviet/trotsky.txt"));
        using (var engine = Open())
        {
            Assert.Equal(2, engine.Stats.Documents);
            Assert.Equal(0, Hits(engine, "mexico"));
        }
    }

    [Fact]
    public void Open_CorpusFolderItselfCantBeRead_AnswersFromTheIndexItHas()
    {
        WriteArticles();
        using (Open())
        {
        }

        _disk.Refuse(_corpus.CorpusDirectory);
        using var engine = Open();

        Assert.Equal(3, engine.Stats.Documents);
        Assert.Equal(1, Hits(engine, "bukharin"));
        Assert.Single(_logger.Warnings);
    }

    [Fact]
    public void Open_FileReallyDeleted_IsRemoved()
    {
        WriteArticles();
        using (Open())
        {
        }

        File.Delete(Path("soviet/lenin.txt"));
        using var engine = Open();

        Assert.Equal(2, engine.Stats.Documents);
        Assert.Equal(0, Hits(engine, "strokes"));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Open_ChangedFileMadeMode000_KeepsItsLastIndexedContent()
    {
        // A real chmod: as an ordinary user the file can't be read and its old content must stay; as root (tests may run
        // as root) it is read, so the new content is indexed. Either way the document is never dropped.
        WriteArticles();
        using (Open())
        {
        }

        Edit("soviet/lenin.txt", "Lenin\n\nLenin was embalmed and shown in a mausoleum on Red Square.\n");
        File.SetUnixFileMode(Path("soviet/lenin.txt"), UnixFileMode.None);
        try
        {
            using var engine = Open();
            Assert.Equal(3, engine.Stats.Documents);
            var readable = Environment.IsPrivilegedProcess;
            Assert.Equal(readable ? 0 : 1, Hits(engine, "strokes"));
            Assert.Equal(readable ? 1 : 0, Hits(engine, "mausoleum"));
            Assert.Equal(readable ? 0 : 1, _logger.Warnings.Count);
        }
        finally
        {
            File.SetUnixFileMode(Path("soviet/lenin.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task Reload_FolderMadeUnreadableWhileTheBotRuns_StillAnswersFromIt()
    {
        // The living corpus of chat and discord reloads through the same incremental update.
        WriteArticles();
        using var live = new Core.Live.LiveAnswerService(Open(), _ => Open());
        Assert.Single(live.Search("strokes", 10).Hits);

        _disk.Refuse(Path("soviet"));
        Edit("purges.txt", "The Purges\n\nBukharin was tried and executed in 1938 after a show trial in Moscow.\n");
        await live.RefreshAsync();

        Assert.Equal(3, live.Stats.Documents);
        Assert.Single(live.Search("strokes", 10).Hits);
        Assert.Single(live.Search("moscow", 10).Hits);
        Assert.Contains("soviet", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }
}
