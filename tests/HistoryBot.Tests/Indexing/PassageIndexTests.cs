using HistoryBot.Core.Corpus;
using HistoryBot.Core.Indexing;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Indexing;

public sealed class PassageIndexTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private IndexOptions Options(int threads = 0) => new()
    {
        CorpusDirectory = _temp.Combine("corpus"),
        IndexDirectory = _temp.Combine("index"),
        IndexingThreads = threads,
    };

    private void WriteNumbered(string words, int minutesAhead = 0)
    {
        for (var i = 0; i < 6; i++)
        {
            var path = _temp.Write($"corpus/f{i}.txt", $"Doc {i}\n\nThis text mentions {words} number {i}.\n");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(minutesAhead));
        }
    }

    private static int Count(PassageIndex index, string word) => index.TopPassages(index.ParseTextQuery(word), 100).Count;

    /// <summary>Fails the build after <paramref name="files"/> files were added to the writer: a crash mid-update.</summary>
    private sealed class FailingProgress(int files) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value)
        {
            if (value.FilesDone >= files)
            {
                throw new IOException("injected failure mid-update");
            }
        }
    }

    private void WriteCorpus()
    {
        _temp.Write("corpus/a.txt", "Alpha\n\nThe first file talks about rivers. Rivers flow.\n");
        _temp.Write("corpus/sub/b.md", "# Beta\n\n## Mountains\nMountains are tall. Some are volcanoes.\n");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Open_NewIndex_BuildsAndCountsDocumentsSectionsPassages()
    {
        WriteCorpus();

        using var index = PassageIndex.Open(Options());

        Assert.Equal(IndexBuildKind.Rebuilt, index.Report.Kind);
        Assert.Equal(new IndexStats(2, 1, 2, 4), index.Stats);
        Assert.Equal(["Alpha", "Beta"], index.DocumentTitles);
    }

    [Fact]
    public void Open_UnchangedCorpus_ReusesTheIndex()
    {
        WriteCorpus();
        using (PassageIndex.Open(Options()))
        {
        }

        using var again = PassageIndex.Open(Options());

        Assert.Equal(IndexBuildKind.Reused, again.Report.Kind);
        Assert.Equal(2, again.Stats.Passages);
    }

    [Fact]
    public void Open_ChangedFile_ReindexesOnlyThatFile()
    {
        WriteCorpus();
        using (PassageIndex.Open(Options()))
        {
        }

        _temp.Write("corpus/a.txt", "Alpha\n\nRivers flow.\n\nA second paragraph now.\n");
        using var updated = PassageIndex.Open(Options());

        Assert.Equal(IndexBuildKind.Updated, updated.Report.Kind);
        Assert.Equal(1, updated.Report.FilesIndexed);
        Assert.Equal(3, updated.Stats.Passages);
        Assert.Equal(3, updated.Reader.NumDocs);
    }

    [Fact]
    public void Open_RemovedFile_DropsItsPassages()
    {
        WriteCorpus();
        using (PassageIndex.Open(Options()))
        {
        }

        File.Delete(_temp.Combine("corpus", "sub", "b.md"));
        using var updated = PassageIndex.Open(Options());

        Assert.Equal(1, updated.Report.FilesRemoved);
        Assert.Equal(1, updated.Reader.NumDocs);
    }

    [Fact]
    public void Open_TouchedButUnchangedFile_IsReused()
    {
        WriteCorpus();
        using (PassageIndex.Open(Options()))
        {
        }

        File.SetLastWriteTimeUtc(_temp.Combine("corpus", "a.txt"), DateTime.UtcNow.AddMinutes(5));
        using var again = PassageIndex.Open(Options());

        Assert.Equal(IndexBuildKind.Reused, again.Report.Kind);
    }

    [Fact]
    public void Open_CorruptIndexFiles_RebuildsInsteadOfCrashing()
    {
        WriteCorpus();
        using (PassageIndex.Open(Options()))
        {
        }

        foreach (var file in Directory.GetFiles(_temp.Combine("index")).Where(f => Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal)))
        {
            File.WriteAllBytes(file, [1, 2, 3]);
        }

        using var rebuilt = PassageIndex.Open(Options());

        Assert.Equal(IndexBuildKind.Rebuilt, rebuilt.Report.Kind);
        Assert.Equal(2, rebuilt.Reader.NumDocs);
    }

    [Fact]
    public void Open_MissingManifest_Rebuilds()
    {
        WriteCorpus();
        using (PassageIndex.Open(Options()))
        {
        }

        File.Delete(_temp.Combine("index", IndexState.ManifestFile));
        using var rebuilt = PassageIndex.Open(Options());

        Assert.Equal(IndexBuildKind.Rebuilt, rebuilt.Report.Kind);
    }

    [Fact]
    public void Open_IndexWithAnUncompressedManifest_RebuildsAndRemovesIt()
    {
        WriteCorpus();
        using (PassageIndex.Open(Options()))
        {
        }

        // What an index of schema-3 or before holds: its manifest as plain JSON.
        File.Delete(_temp.Combine("index", IndexState.ManifestFile));
        File.WriteAllText(_temp.Combine("index", "manifest.json"), "{\"Settings\":\"schema-3\",\"Files\":[]}");
        using var rebuilt = PassageIndex.Open(Options());

        Assert.Equal(IndexBuildKind.Rebuilt, rebuilt.Report.Kind);
        Assert.False(File.Exists(_temp.Combine("index", "manifest.json")));
        Assert.True(File.Exists(_temp.Combine("index", IndexState.ManifestFile)));
    }

    [Fact]
    public void Open_BinaryFile_IsSkippedWithItsReason()
    {
        WriteCorpus();
        File.WriteAllBytes(_temp.Combine("corpus", "image.txt"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]);

        using var index = PassageIndex.Open(Options());

        var skipped = Assert.Single(index.Report.Skipped);
        Assert.Equal("image.txt", skipped.Id);
        Assert.Equal(2, index.Stats.Documents);
    }

    [Fact]
    public void Open_MissingCorpusFolder_ThrowsCorpusNotFound()
    {
        var error = Assert.Throws<CorpusNotFoundException>(() => PassageIndex.Open(Options()));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_EmptyCorpusFolder_ThrowsCorpusNotFound()
    {
        Directory.CreateDirectory(_temp.Combine("corpus"));
        _temp.Write("corpus/readme.pdf", "not a text file");

        var error = Assert.Throws<CorpusNotFoundException>(() => PassageIndex.Open(Options()));

        Assert.Contains("has no documents (.markdown, .md, .txt)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_TwoProcessesAtOnce_BothGetACompleteIndex()
    {
        // Given a corpus large enough that building takes a moment
        for (var i = 0; i < 40; i++)
        {
            _temp.Write($"corpus/doc{i}.txt", $"Doc {i}\n\n" + string.Join("\n\n", Enumerable.Range(0, 30).Select(j => $"Paragraph {j} of document {i} mentions rivers and hills.")));
        }

        // When two openers race (separate threads stand in for separate processes: the lock is a file lock)
        var tasks = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            using var index = PassageIndex.Open(Options());
            return index.Reader.NumDocs;
        })).ToArray();
        var counts = await Task.WhenAll(tasks);

        // Then
        Assert.All(counts, c => Assert.Equal(1200, c));
        using var after = PassageIndex.Open(Options());
        Assert.Equal(IndexBuildKind.Reused, after.Report.Kind);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Open_UpdateFailsMidwayAndCorpusReverted_ReusesThePreviousIndexWithoutTheHalfAppliedText(int threads)
    {
        WriteNumbered("rivers");
        using (PassageIndex.Open(Options(threads)))
        {
        }

        var original = Directory.GetFiles(_temp.Combine("corpus")).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        WriteNumbered("zeppelins", minutesAhead: 5);
        Assert.Throws<IOException>(() => PassageIndex.Open(Options(threads), progress: new FailingProgress(3)));

        WriteNumbered("rivers");
        foreach (var (path, time) in original)
        {
            File.SetLastWriteTimeUtc(path, time);
        }

        using var index = PassageIndex.Open(Options(threads));
        Assert.Equal(IndexBuildKind.Reused, index.Report.Kind);
        Assert.Equal(0, Count(index, "zeppelins"));
        Assert.Equal(6, Count(index, "rivers"));
    }

    [Fact]
    public void Open_AfterAFailedUpdate_CompletesTheUpdate()
    {
        WriteNumbered("rivers");
        using (PassageIndex.Open(Options(threads: 1)))
        {
        }

        WriteNumbered("zeppelins", minutesAhead: 5);
        Assert.Throws<IOException>(() => PassageIndex.Open(Options(threads: 1), progress: new FailingProgress(3)));

        using var index = PassageIndex.Open(Options(threads: 1));
        Assert.Equal(IndexBuildKind.Updated, index.Report.Kind);
        Assert.Equal(6, Count(index, "zeppelins"));
        Assert.Equal(0, Count(index, "rivers"));
    }

    [Fact]
    public void Open_RebuildFailsMidway_KeepsThePreviousIndex()
    {
        WriteNumbered("rivers");
        using (PassageIndex.Open(Options(threads: 1)))
        {
        }

        Assert.Throws<IOException>(() => PassageIndex.Open(Options(threads: 1), progress: new FailingProgress(3), forceRebuild: true));

        using var index = PassageIndex.Open(Options(threads: 1));
        Assert.Equal(IndexBuildKind.Reused, index.Report.Kind);
        Assert.Equal(6, Count(index, "rivers"));
    }

    [Fact]
    public void Open_StoppedBetweenCommitAndManifest_UsesThePendingManifest()
    {
        WriteCorpus();
        using (PassageIndex.Open(Options()))
        {
        }

        // The state a crash right after the commit leaves: the new manifest only as the pending one.
        File.Move(_temp.Combine("index", IndexState.ManifestFile), _temp.Combine("index", IndexState.PendingManifestFile));
        using (var older = File.Create(_temp.Combine("index", IndexState.ManifestFile)))
        {
            new CorpusManifest("older", []).WriteTo(older);
        }

        using var again = PassageIndex.Open(Options());

        Assert.Equal(IndexBuildKind.Reused, again.Report.Kind);
    }
}
