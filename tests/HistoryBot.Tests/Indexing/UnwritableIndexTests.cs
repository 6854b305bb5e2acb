using System.Diagnostics;
using HistoryBot.Core.Indexing;
using HistoryBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Tests.Indexing;

/// <summary>
/// Issue 21, audit 2 and 8: an index folder that can't be written (read-only file system, full disk) is no hang and no
/// refusal: the index it has answers, with one warning.
/// </summary>
public sealed class UnwritableIndexTests : IDisposable
{
    private static readonly IOException ReadOnlyFileSystem = new("Read-only file system", 30);

    private readonly TempDirectory _temp = new();
    private readonly ListLogger _logger = new();

    public void Dispose() => _temp.Dispose();

    private IndexOptions Options(Func<string, FileStream>? opener = null) => new()
    {
        CorpusDirectory = _temp.Combine("corpus"),
        IndexDirectory = _temp.Combine("index"),
        LockOpener = opener,
        BuildLockTimeout = TimeSpan.FromSeconds(20),
    };

    private void BuildThenAddADocument()
    {
        _temp.Write("corpus/river.txt", "River\n\nThe river floods every spring.\n");
        using (PassageIndex.Open(Options()))
        {
        }

        _temp.Write("corpus/volcano.txt", "Volcano\n\nThe volcano erupted in 1883.\n");
    }

    private static int Count(PassageIndex index, string word) => index.TopPassages(index.ParseTextQuery(word), 10).Count;

    [Fact]
    public void Acquire_ReadOnlyFileSystem_FailsAtOnceNamingTheFolder()
    {
        var stopwatch = Stopwatch.StartNew();

        var error = Assert.Throws<IndexFolderNotWritableException>(() => BuildLock.Acquire(
            _temp.Path, TimeSpan.FromSeconds(20), NullLogger.Instance, CancellationToken.None, _ => throw ReadOnlyFileSystem));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed} (the lock wait is 20 s)");
        Assert.Contains(_temp.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_HeldByAnotherHolder_WaitsForItInstead()
    {
        using var held = new FileStream(_temp.Combine(BuildLock.FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var error = Record.Exception(() => BuildLock.Acquire(_temp.Path, TimeSpan.FromMilliseconds(300), NullLogger.Instance, CancellationToken.None));

        Assert.IsNotType<IndexFolderNotWritableException>(error);
        Assert.IsAssignableFrom<IOException>(error);
    }

    [Fact]
    public void Open_ReadOnlyFolderAfterTheCorpusChanged_AnswersFromTheIndexItHasWithOneWarning()
    {
        BuildThenAddADocument();

        using var index = PassageIndex.Open(Options(_ => throw ReadOnlyFileSystem), _logger);

        Assert.Equal((1, 0), (Count(index, "floods"), Count(index, "erupted")));
        Assert.Contains("can't be written", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DiskFullDuringAnUpdate_AnswersFromTheIndexItHadWithOneWarning()
    {
        BuildThenAddADocument();

        using var index = PassageIndex.Open(Options(), _logger, new DiskFullProgress());

        Assert.Equal((1, 0), (Count(index, "floods"), Count(index, "erupted")));
        Assert.Contains("No space left on device", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }

    /// <summary>Fails the update as a full disk does, once a file was added to the writer.</summary>
    private sealed class DiskFullProgress : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => throw new IOException("No space left on device", 28);
    }
}
