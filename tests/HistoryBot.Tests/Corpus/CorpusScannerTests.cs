using System.Runtime.InteropServices;
using HistoryBot.Core.Corpus;
using HistoryBot.Core.Indexing;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Corpus;

/// <summary>Odd corpus entries (issue 13): each is skipped with one warning naming it, and the rest is indexed once.</summary>
public sealed partial class CorpusScannerTests : IDisposable
{
    private readonly TempCorpus _corpus = new();
    private readonly ListLogger _logger = new();

    public CorpusScannerTests()
    {
        _corpus.Write("a.txt", "Alpha\n\nThe first file talks about rivers.\n");
        _corpus.Write("sub/b.md", "# Beta\n\nMountains are tall.\n");
    }

    public void Dispose() => _corpus.Dispose();

    private string InCorpus(string relative) => Path.Combine(_corpus.CorpusDirectory, relative);

    private IReadOnlyList<string> ScanIds() => CorpusScanner.Scan(_corpus.CorpusDirectory, _logger).Select(f => f.Id).ToList();

    [Fact]
    public void Scan_DanglingSymlink_IsSkippedWithAWarning()
    {
        File.CreateSymbolicLink(InCorpus("gone.txt"), InCorpus("nowhere.txt"));

        Assert.Equal(["a.txt", "sub/b.md"], ScanIds());
        Assert.Contains(_logger.Warnings, w => w.Contains("gone.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_LinkToItsOwnFolder_ListsEachFileOnce()
    {
        Directory.CreateSymbolicLink(InCorpus("loop"), ".");
        Directory.CreateSymbolicLink(InCorpus("sub/up"), "..");

        Assert.Equal(["a.txt", "sub/b.md"], ScanIds());
        Assert.Equal(2, _logger.Warnings.Count(w => w.Contains("loop", StringComparison.Ordinal)));
    }

    [Fact]
    public void Scan_LinksToAFileAndFolderInside_AreFollowedButEachRealFileListedOnce()
    {
        _corpus.Write("other/c.txt", "Gamma\n\nA third text.\n");
        File.CreateSymbolicLink(InCorpus("alias.txt"), "a.txt");
        Directory.CreateSymbolicLink(InCorpus("linked"), Path.Combine(_corpus.CorpusDirectory, "other"));
        _corpus.Write("hidden/d.txt", "Delta\n\nOnly reached through a link.\n");
        Directory.CreateSymbolicLink(InCorpus("zz-view"), "hidden");

        var files = CorpusScanner.Scan(_corpus.CorpusDirectory, _logger);

        Assert.Equal(["a.txt", "hidden/d.txt", "other/c.txt", "sub/b.md"], files.Select(f => f.Id));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Scan_LinkToAFolderOutsideTheCorpus_IsNotFollowed()
    {
        var outside = Path.Combine(_corpus.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "Secret\n\nNot part of the corpus.\n");
        Directory.CreateSymbolicLink(InCorpus("out"), outside);
        File.CreateSymbolicLink(InCorpus("secret.txt"), Path.Combine(outside, "secret.txt"));

        Assert.Equal(["a.txt", "sub/b.md"], ScanIds());
        Assert.Equal(2, _logger.Warnings.Count(w => w.Contains("outside", StringComparison.Ordinal)));
    }

    [Fact]
    public void Scan_FifoNamedLikeAText_IsSkippedWithoutOpeningIt()
    {
        Assert.True(OperatingSystem.IsWindows() || MkFifo(InCorpus("pipe.txt"), 0b110_100_100) == 0);

        var files = ScanIds();

        Assert.Equal(["a.txt", "sub/b.md"], files);
        Assert.Contains(_logger.Warnings, w => w.Contains("pipe.txt", StringComparison.Ordinal) && w.Contains("FIFO", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_NonUtf8FileName_IsSkippedWithAnEscapedNameAndTheRestIndexed()
    {
        // "bad\xff\x1b.txt": an undecodable byte and an escape byte, as raw bytes (a .NET string cannot hold them).
        var name = "bad"u8.ToArray().Concat(new byte[] { 0xFF, 0x1B }).Concat(".txt\0"u8.ToArray()).ToArray();
        var path = System.Text.Encoding.UTF8.GetBytes(_corpus.CorpusDirectory + "/").Concat(name).ToArray();
        Assert.True(OperatingSystem.IsWindows() || Close(Creat(path, 0b110_100_100)) == 0);

        using var index = PassageIndex.Open(new IndexOptions { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory }, _logger);

        Assert.Equal(2, index.Stats.Documents);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("bad", warning, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', warning);
    }

    [Fact]
    public void Open_FileDeletedWhileIndexing_IsSkippedAndTheRestIndexed()
    {
        _corpus.Write("z-last.txt", "Zeta\n\nDeleted before it is read.\n");
        var options = new IndexOptions { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory, IndexingThreads = 1 };
        var deleting = new DeletingProgress(InCorpus("z-last.txt"));

        using var index = PassageIndex.Open(options, _logger, deleting);

        Assert.Equal(2, index.Stats.Documents);
        Assert.Equal("z-last.txt", Assert.Single(index.Report.Skipped).Id);
        Assert.Contains(_logger.Warnings, w => w.Contains("z-last.txt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain.txt", "plain.txt")]
    [InlineData("red\u001b[31m.txt", "red\\u001b[31m.txt")]
    [InlineData("bad\uFFFD.txt", "bad\\x??.txt")]
    public void Printable_ControlAndUndecodableCharacters_AreEscaped(string name, string expected) =>
        Assert.Equal(expected, CorpusScanner.Printable(name));

    /// <summary>Deletes a file once the first file has been indexed, before the last one is read.</summary>
    private sealed class DeletingProgress(string path) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => File.Delete(path);
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, int mode);

    [LibraryImport("libc", EntryPoint = "creat")]
    private static partial int Creat(byte[] path, int mode);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
