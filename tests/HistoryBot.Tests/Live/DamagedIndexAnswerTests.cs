using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Live;
using HistoryBot.Core.Retrieval;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Live;

/// <summary>
/// An index file damaged while the service runs (a bad disk sector): the failed read is recognised by the index's
/// checksums, the index is rebuilt as `index --verify` does, and the question is answered.
/// </summary>
public sealed class DamagedIndexAnswerTests : IDisposable
{
    private static readonly AnswerOptions Lexical = new() { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical } };

    private readonly TempCorpus _corpus = new();
    private readonly ListLogger _logger = new();
    private readonly HistoryBotEngineBuilder _builder;

    public DamagedIndexAnswerTests()
    {
        _builder = new HistoryBotEngineBuilder(ListLoggerProvider.Factory(_logger));
        // Enough stored text that what a question reads lies past the part of the file the reader buffered at open.
        var filler = string.Join("\n\n", Enumerable.Range(0, 400).Select(i => $"Ledger line {i} records {i * 7919 % 10007} sacks of grain for w{i}."));
        _corpus.Write("a-ledger.txt", "Ledger\n\n" + filler + "\n");
        _corpus.Write("mountains.txt", "Mountains\n\nMountains are tall. Some mountains are volcanoes that erupt.\n");
    }

    public void Dispose()
    {
        _builder.Dispose();
        _corpus.Dispose();
    }

    private IndexOptions Options() => new()
    {
        CorpusDirectory = _corpus.CorpusDirectory,
        IndexDirectory = _corpus.IndexDirectory,
        WatchCorpus = false,
    };

    private LiveAnswerService Start() => LiveAnswerService.Start(
        ct => _builder.Build(Options(), Lexical, cancellationToken: ct),
        ct => _builder.Build(Options(), Lexical, cancellationToken: ct),
        Options(),
        ListLoggerProvider.Factory(_logger),
        repair: ct => _builder.Repair(Options(), Lexical, ct));

    [Fact]
    public void Ask_StoredFieldsDamagedAfterOpening_RebuildsWithOneWarningNamingTheFileAndAnswers()
    {
        using var service = Start();
        var file = IndexFiles.Scramble(_corpus.IndexDirectory);

        var answer = service.Ask("What are some mountains?");

        Assert.True(answer.Answered);
        Assert.Contains("volcanoes", answer.Quote!.Text.Text, StringComparison.Ordinal);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains(file, warning, StringComparison.Ordinal);
        Assert.Equal(IndexIntegrity.Repaired, service.IndexReport.Integrity);
    }

    [Fact]
    public void Ask_DamagedIndexThatCannotBeRebuilt_SaysInOneLineWhichFileAndWhatToRun()
    {
        // Given a damaged index whose folder refuses the rebuild (a read-only disk: root ignores file modes, so the
        // rebuild fails the way a read-only file system makes it fail)
        using var service = LiveAnswerService.Start(
            ct => _builder.Build(Options(), Lexical, cancellationToken: ct),
            ct => _builder.Build(Options(), Lexical, cancellationToken: ct),
            Options(),
            ListLoggerProvider.Factory(_logger),
            repair: _ => throw new IOException("Read-only file system"));
        var file = IndexFiles.Scramble(_corpus.IndexDirectory);

        // When a question reads the damaged file
        var error = Assert.Throws<IndexDamagedException>(() => service.Ask("What are some mountains?"));

        // Then one line names the file, the folder, why, and the command that mends it
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(_corpus.IndexDirectory, error.Message, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", error.Message, StringComparison.Ordinal);
        Assert.Contains("historybot index --verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_StoredFieldsDamagedAfterOpening_RebuildsAndFindsThePassage()
    {
        using var service = Start();
        IndexFiles.Scramble(_corpus.IndexDirectory);

        var result = service.Search("volcanoes", 5);

        Assert.Contains("volcanoes", Assert.Single(result.Hits).Passage.Text, StringComparison.Ordinal);
    }
}
