using System.Collections.Concurrent;
using HistoryBot.Core.Corpus;
using HistoryBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace HistoryBot.Tests.Live;

/// <summary>
/// The watcher against a real folder, on a fake clock: the test waits until the watcher has seen the file system's
/// events, then moves the clock past the quiet period, so what is counted never depends on how fast the machine is.
/// </summary>
public sealed class CorpusWatcherTests : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly TempCorpus _corpus = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<string> _noticed = new();
    private readonly ConcurrentQueue<DateTimeOffset> _changes = new();
    private readonly CorpusWatcher _watcher;

    public CorpusWatcherTests()
    {
        _corpus.Write("rome.txt", "Rome\n\nCaesar crossed the Rubicon in 49 BC.\n");
        _watcher = new CorpusWatcher(_corpus.CorpusDirectory, [".txt", ".md"], Quiet, MaxDelay, _changes.Enqueue, _time);
        _watcher.Noticed += _noticed.Enqueue;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _corpus.Dispose();
    }

    private string PathOf(string name) => Path.Combine(_corpus.CorpusDirectory, name);

    private void WaitNoticed(string name) =>
        Waiting.Until(() => _noticed.Contains(PathOf(name)), $"the watcher to notice {name}");

    [Fact]
    public void Watcher_FileAdded_CallsBackOnceAfterTheQuietPeriod()
    {
        // Moved in from outside the corpus: one event, so none can come late and restart the quiet period.
        var outside = Path.Combine(_corpus.Root, "carthage.txt");
        File.WriteAllText(outside, "Carthage\n\nHannibal crossed the Alps.\n");
        File.Move(outside, PathOf("carthage.txt"));
        WaitNoticed("carthage.txt");

        _time.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        Assert.Empty(_changes);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Single(_changes);
    }

    [Fact]
    public void Watcher_CorpusFolderDeletedAndCreatedAgain_SeesTheFilesOfTheNewFolder()
    {
        // Given the folder deleted (rm -rf corpus) and created again
        Directory.Delete(_corpus.CorpusDirectory, recursive: true);
        Directory.CreateDirectory(_corpus.CorpusDirectory);
        Waiting.Until(() => _noticed.Contains(_corpus.CorpusDirectory), "the watcher to notice the folder is back");

        // When a document is added to the new folder
        File.WriteAllText(PathOf("carthage.txt"), "Carthage\n\nHannibal crossed the Alps.\n");

        // Then it is noticed, and the change is called back
        WaitNoticed("carthage.txt");
        _time.Advance(MaxDelay);
        Assert.NotEmpty(_changes);
    }

    [Fact]
    public void Watcher_FileChanged_CallsBack()
    {
        File.AppendAllText(PathOf("rome.txt"), "Augustus became the first emperor.\n");
        WaitNoticed("rome.txt");

        _time.Advance(Quiet);

        Assert.Single(_changes);
    }

    [Fact]
    public void Watcher_FileDeleted_CallsBack()
    {
        File.Delete(PathOf("rome.txt"));
        WaitNoticed("rome.txt");

        _time.Advance(Quiet);

        Assert.Single(_changes);
    }

    [Fact]
    public void Watcher_FileRenamed_CallsBack()
    {
        File.Move(PathOf("rome.txt"), PathOf("roma.txt"));
        WaitNoticed("roma.txt");

        _time.Advance(Quiet);

        Assert.Single(_changes);
    }

    [Fact]
    public void Watcher_BurstOfChanges_CallsBackOnceWithTheLastChangeTime()
    {
        // A copy of many files, then an editor's save in steps (temporary file, rename over the original).
        for (var i = 0; i < 20; i++)
        {
            _corpus.Write($"doc{i}.txt", $"Document {i}\n\nBurst document number {i}.\n");
        }

        File.WriteAllText(PathOf("rome.txt.tmp"), "Rome\n\nAugustus became the first emperor.\n");
        File.Move(PathOf("rome.txt.tmp"), PathOf("rome.txt"), overwrite: true);
        for (var i = 0; i < 20; i++)
        {
            WaitNoticed($"doc{i}.txt");
        }

        WaitNoticed("rome.txt");
        var lastEvent = _time.GetUtcNow();

        _time.Advance(Quiet);

        Assert.Equal([lastEvent], _changes);
    }

    [Fact]
    public void Watcher_FolderThatKeepsChanging_IsReportedAfterTheLongestDelay()
    {
        var start = _time.GetUtcNow();
        for (var i = 0; _changes.IsEmpty; i++)
        {
            Assert.True(_time.GetUtcNow() - start <= MaxDelay, "the change was held back past the longest delay");
            _corpus.Write($"slow{i}.txt", $"Slow {i}\n\nA file of a long copy.\n");
            WaitNoticed($"slow{i}.txt");
            _time.Advance(Quiet / 2);
        }

        Assert.Single(_changes);
    }

    [Fact]
    public void Watcher_FolderCopiedIn_CallsBack()
    {
        // Files written into a new folder before the watch on it starts raise no event of their own (inotify adds a
        // watch per folder once it sees the folder); the folder's own event stands for them, as the callback rescans.
        _corpus.Write("books/carthage.txt", "Carthage\n\nHannibal crossed the Alps.\n");
        WaitNoticed("books");

        _time.Advance(Quiet);

        Assert.Single(_changes);
    }

    [Fact]
    public void Watcher_HiddenAndOtherFormats_AreIgnored()
    {
        _corpus.Write(".rome.txt.swp", "swap");
        _corpus.Write(".historybot/index/segments_2", "an index kept inside the corpus");
        _corpus.Write("notes.docx", "not a format this watcher reads");
        _corpus.Write("carthage.txt", "Carthage\n\nHannibal crossed the Alps.\n");
        WaitNoticed("carthage.txt");

        Assert.DoesNotContain(PathOf(".rome.txt.swp"), _noticed);
        Assert.DoesNotContain(_noticed, path => path.Contains(".historybot", StringComparison.Ordinal));
        Assert.DoesNotContain(PathOf("notes.docx"), _noticed);
    }

    [Fact]
    public void Watcher_Disposed_NeverCallsBack()
    {
        _corpus.Write("carthage.txt", "Carthage\n\nHannibal crossed the Alps.\n");
        WaitNoticed("carthage.txt");

        _watcher.Dispose();
        _time.Advance(Quiet);

        Assert.Empty(_changes);
    }
}
