using HistoryBot.Tests.Support;
using HistoryBot.Core.Indexing;

namespace HistoryBot.Tests.Indexing;

public sealed class IncrementalIndexTests : IDisposable
{
    private readonly TempCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    private IndexOptions Options(int threads = 0) => new()
    {
        CorpusDirectory = _corpus.CorpusDirectory,
        IndexDirectory = _corpus.IndexDirectory,
        IndexingThreads = threads,
    };

    private void WriteThreeArticles()
    {
        _corpus.Write("a/first.txt", "The First Article\n\nHannibal crossed the Alps with elephants in the winter.\n\nThe Romans were surprised.\n");
        _corpus.Write("a/second.txt", "The Second Article\n\nCaesar crossed the Rubicon and marched on Rome.\n");
        _corpus.Write("b/third.txt", "The Third Article\n\nPericles built the Parthenon on the Acropolis of Athens.\n");
    }

    [Fact]
    public void Open_OneFileChanged_ReindexesOnlyThatFile()
    {
        WriteThreeArticles();
        using (var engine = TestEngines.Open(Options()))
        {
            Assert.Equal(IndexBuildKind.Rebuilt, engine.IndexReport.Kind);
            Assert.Equal(3, engine.IndexReport.FilesIndexed);
        }

        // An unchanged file whose bytes change behind the index's back while size and time stay the same: if the update
        // re-read it, its new word would become searchable. It must not be read at all.
        var secondPath = Path.Combine(_corpus.CorpusDirectory, "a", "second.txt");
        var secondTime = File.GetLastWriteTimeUtc(secondPath);
        var original = File.ReadAllText(secondPath);
        File.WriteAllText(secondPath, original.Replace("Rubicon", "Zanzibr", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(secondPath, secondTime);

        var firstPath = _corpus.Write("a/first.txt", "The First Article\n\nHannibal lost the battle of Zama against Scipio.\n");
        File.SetLastWriteTimeUtc(firstPath, DateTime.UtcNow.AddMinutes(1));

        using (var engine = TestEngines.Open(Options()))
        {
            Assert.Equal(IndexBuildKind.Updated, engine.IndexReport.Kind);
            Assert.Equal(1, engine.IndexReport.FilesIndexed);
            Assert.Equal(3, engine.Stats.Documents);
            Assert.Equal(3, engine.Stats.Passages);
            Assert.Single(engine.SearchPassages("zama", textOnly: true));
            Assert.Empty(engine.SearchPassages("elephants", textOnly: true));
            Assert.Empty(engine.SearchPassages("zanzibr", textOnly: true));
            Assert.Single(engine.SearchPassages("rubicon", textOnly: true));
        }

        using (var engine = TestEngines.Open(Options()))
        {
            Assert.Equal(IndexBuildKind.Reused, engine.IndexReport.Kind);
            Assert.Equal(0, engine.IndexReport.FilesIndexed);
        }
    }

    [Fact]
    public void Open_FileTouchedButUnchanged_IsNotReindexed()
    {
        WriteThreeArticles();
        using (TestEngines.Open(Options()))
        {
        }

        File.SetLastWriteTimeUtc(Path.Combine(_corpus.CorpusDirectory, "b", "third.txt"), DateTime.UtcNow.AddMinutes(5));
        using var engine = TestEngines.Open(Options());
        Assert.Equal(IndexBuildKind.Reused, engine.IndexReport.Kind);
        Assert.Equal(0, engine.IndexReport.FilesIndexed);
    }

    [Fact]
    public void Open_FilesRemovedAndAdded_UpdateTheIndex()
    {
        WriteThreeArticles();
        using (TestEngines.Open(Options()))
        {
        }

        File.Delete(Path.Combine(_corpus.CorpusDirectory, "b", "third.txt"));
        _corpus.Write("b/fourth.txt", "The Fourth Article\n\nAlexander founded Alexandria in Egypt.\n");
        using var engine = TestEngines.Open(Options());
        Assert.Equal(IndexBuildKind.Updated, engine.IndexReport.Kind);
        Assert.Equal(1, engine.IndexReport.FilesIndexed);
        Assert.Equal(1, engine.IndexReport.FilesRemoved);
        Assert.Empty(engine.SearchPassages("parthenon", textOnly: true));
        Assert.Single(engine.SearchPassages("alexandria", textOnly: true));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Build_ParallelAndSerial_IndexTheSamePassages(int threads)
    {
        for (var i = 0; i < 40; i++)
        {
            _corpus.Write($"d{i % 4}/f{i:D3}.txt", $"Article {i}\n\nThe consul number {i} fought the Gauls near the river.\n\nHe returned to Rome in triumph.\n");
        }

        using var engine = TestEngines.Open(Options(threads), forceRebuild: true);
        Assert.Equal(40, engine.IndexReport.FilesIndexed);
        Assert.Equal(80, engine.Stats.Passages);
        Assert.Equal(10, engine.SearchPassages("gauls", textOnly: true).Count);
        Assert.Contains(engine.SearchPassages("triumph", limit: 100, textOnly: true), h => h.Id == "d3/f039.txt#1");
    }
}
