using System.Collections.Concurrent;
using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Live;
using HistoryBot.Core.Retrieval;
using HistoryBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace HistoryBot.Tests.Live;

/// <summary>
/// The live service over real (lexical) engines and a real index folder. Watching tests run the folder watcher on a fake
/// clock: they wait until the watcher has seen a change, then move the clock past the quiet period.
/// </summary>
public sealed class LiveAnswerServiceTests : IDisposable
{
    private const string Rome = "Rome\n\nCaesar crossed the Rubicon in 49 BC, starting a civil war.\n";
    private const string Carthage = "Carthage\n\nHannibal crossed the Alps with war elephants in 218 BC.\n";
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly AnswerOptions Lexical = new() { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical } };

    private readonly TempCorpus _corpus = new();
    private readonly HistoryBotEngineBuilder _builder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly List<LiveAnswerService> _services = [];
    private readonly ConcurrentQueue<string> _noticed = new();
    private int _reloads;

    public void Dispose()
    {
        foreach (var service in _services)
        {
            service.Dispose();
        }

        _builder.Dispose();
        _corpus.Dispose();
    }

    private IndexOptions Options() => new() { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory };

    /// <summary>Opens an engine as a reload does: the same builder every time (lexical, so no model is needed).</summary>
    private HistoryBotEngine Open(CancellationToken cancellationToken) => _builder.Build(Options(), Lexical, cancellationToken: cancellationToken);

    private LiveAnswerService Track(LiveAnswerService service)
    {
        _services.Add(service);
        service.Reloaded += _ => Interlocked.Increment(ref _reloads);
        return service;
    }

    private LiveAnswerService StartWatching(TimeProvider? time = null, TimeSpan? quiet = null)
    {
        var service = Track(LiveAnswerService.Start(Open, Open, Options(), timeProvider: time ?? _time, quietPeriod: quiet ?? Quiet));
        Assert.True(service.IsWatching);
        service.Watcher!.Noticed += _noticed.Enqueue;
        return service;
    }

    /// <summary>Waits until the watcher saw <paramref name="names"/>, then lets the quiet period pass and waits for the reload.</summary>
    private void SettleAndReload(params string[] names)
    {
        var reloads = Volatile.Read(ref _reloads);
        foreach (var name in names)
        {
            var path = Path.Combine(_corpus.CorpusDirectory, name);
            Waiting.Until(() => _noticed.Contains(path), $"the watcher to notice {name}");
        }

        _time.Advance(Quiet);
        Waiting.Until(() => Volatile.Read(ref _reloads) > reloads, "a reload");
    }

    private static int Hits(IAnswerService service, string query) => service.Search(query, 10).Hits.Count;

    [Fact]
    public void Watch_DocumentAdded_IsAnsweredWithoutARestart()
    {
        _corpus.Write("rome.txt", Rome);
        var service = StartWatching(TimeProvider.System, TimeSpan.FromMilliseconds(100));

        _corpus.Write("carthage.txt", Carthage);

        Waiting.Until(() => Hits(service, "elephants") == 1, "the added document to be searchable");
        Assert.Equal(2, service.Stats.Documents);
        Assert.Equal(1, Hits(service, "Rubicon"));
        Assert.Equal(IndexBuildKind.Updated, service.IndexReport.Kind);
    }

    [Fact]
    public void Start_DocumentAddedWhileTheIndexIsBuilt_IsPickedUpAfterwards()
    {
        _corpus.Write("rome.txt", Rome);

        var service = Track(LiveAnswerService.Start(
            ct =>
            {
                var engine = Open(ct);
                _corpus.Write("carthage.txt", Carthage);
                Thread.Sleep(300); // longer than the quiet period: the change may settle before the open returns
                return engine;
            },
            Open,
            Options(),
            quietPeriod: TimeSpan.FromMilliseconds(100)));

        Waiting.Until(() => Hits(service, "elephants") == 1, "the document added during the first open to be searchable");
        Assert.Equal(2, service.Stats.Documents);
    }

    [Fact]
    public void Start_CorpusMissing_ThrowsAndWatchesNothing()
    {
        var options = Options();
        options.CorpusDirectory = Path.Combine(_corpus.Root, "missing");

        Assert.Throws<HistoryBot.Core.Corpus.CorpusNotFoundException>(() => LiveAnswerService.Start(ct => _builder.Build(options, Lexical, cancellationToken: ct), Open, options));
    }

    [Fact]
    public void Watch_DocumentChanged_SeesTheEditOnly()
    {
        var path = _corpus.Write("rome.txt", Rome);
        _corpus.Write("carthage.txt", Carthage);
        var service = StartWatching();

        File.WriteAllText(path, "Rome\n\nAugustus became the first emperor of Rome in 27 BC.\n");
        SettleAndReload("rome.txt");

        Assert.Equal(1, Hits(service, "Augustus"));
        Assert.Equal(0, Hits(service, "Rubicon"));
        Assert.Equal(1, service.IndexReport.FilesIndexed);
    }

    [Fact]
    public void Watch_DocumentDeleted_VanishesFromAnswersAndDatesTheChange()
    {
        _corpus.Write("rome.txt", Rome);
        var carthage = _corpus.Write("carthage.txt", Carthage);
        var service = StartWatching();
        var deletedAt = _time.GetUtcNow();

        File.Delete(carthage);
        SettleAndReload("carthage.txt");

        Assert.Equal(1, service.Stats.Documents);
        Assert.Equal(0, Hits(service, "elephants"));
        Assert.False(service.Ask("Who crossed the Alps with elephants?").Answered);
        Assert.Equal(deletedAt, service.CorpusChanged);
    }

    [Fact]
    public void Watch_DocumentRenamed_IsFoundUnderItsNewNameOnly()
    {
        _corpus.Write("rome.txt", Rome);
        var draft = _corpus.Write("draft.txt", Carthage);
        var service = StartWatching();

        File.Move(draft, Path.Combine(_corpus.CorpusDirectory, "carthage.txt"));
        SettleAndReload("carthage.txt");

        Assert.Equal("carthage.txt", Assert.Single(service.Search("elephants", 10).Hits).Passage.DocumentId);
        Assert.Equal(2, service.Stats.Documents);
    }

    [Fact]
    public void Watch_BurstOfChanges_IsOneReload()
    {
        _corpus.Write("rome.txt", Rome);
        var service = StartWatching();
        var names = Enumerable.Range(0, 20).Select(i => $"doc{i}.txt").ToArray();

        for (var i = 0; i < names.Length; i++)
        {
            _corpus.Write(names[i], $"Document {i}\n\nBurst document number {i} tells of the siege of Troy.\n");
        }

        SettleAndReload(names);

        Assert.Equal(1, Volatile.Read(ref _reloads));
        Assert.Equal(21, service.Stats.Documents);
        Assert.Equal(10, Hits(service, "Troy"));
    }

    [Fact]
    public void Watch_FolderOfDocumentsCopiedIn_IndexesThemAll()
    {
        _corpus.Write("rome.txt", Rome);
        var service = StartWatching();

        _corpus.Write("africa/carthage.txt", Carthage);
        _corpus.Write("africa/utica.txt", "Utica\n\nCato the Younger died at Utica in 46 BC.\n");
        SettleAndReload("africa");

        Assert.Equal(3, service.Stats.Documents);
        Assert.Single(service.Search("Cato", 10).Hits);
    }

    [Fact]
    public async Task Reload_QuestionInFlight_FinishesOnTheOldEngineWhichIsDisposedAfterIt()
    {
        _corpus.Write("rome.txt", Rome);
        var service = Track(new LiveAnswerService(Open(CancellationToken.None), Open));
        var inFlight = service.Acquire();

        _corpus.Write("carthage.txt", Carthage);
        await service.ReloadAsync().WaitAsync(Waiting.Patience);

        // The index was updated under the old engine: it still reads its own commit.
        Assert.False(inFlight.IsDisposed);
        Assert.Single(inFlight.Engine.Search("Rubicon", 10).Hits);
        Assert.Empty(inFlight.Engine.Search("elephants", 10).Hits);
        Assert.Equal(1, Hits(service, "elephants"));
        inFlight.Release();
        Assert.True(inFlight.IsDisposed);
        Assert.False(service.Current.IsDisposed);
    }

    [Fact]
    public async Task Search_DuringReloads_NeverFails()
    {
        _corpus.Write("rome.txt", Rome);
        var service = Track(new LiveAnswerService(Open(CancellationToken.None), Open));
        using var stop = new CancellationTokenSource();
        var rounds = new int[2];
        var searches = Enumerable.Range(0, rounds.Length).Select(searcher => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Assert.Single(service.Search("Rubicon", 10).Hits);
                Assert.NotNull(service.Ask("Who crossed the Rubicon?"));
                Interlocked.Increment(ref rounds[searcher]);
            }
        })).ToArray();
        Waiting.Until(() => Enumerable.Range(0, rounds.Length).All(i => Volatile.Read(ref rounds[i]) > 0), "both searchers to run");

        for (var i = 0; i < 5; i++)
        {
            _corpus.Write($"extra{i}.txt", $"Extra {i}\n\nAnother document, number {i}.\n");
            await service.ReloadAsync().WaitAsync(Waiting.Patience);
        }

        stop.Cancel();
        await Task.WhenAll(searches).WaitAsync(Waiting.Patience);
        Assert.Equal(6, service.Stats.Documents);
    }

    [Fact]
    public async Task Ask_WhileAReloadIsSlow_IsAnsweredByTheCurrentEngine()
    {
        _corpus.Write("rome.txt", Rome);
        using var gate = new ManualResetEventSlim();
        var service = Track(new LiveAnswerService(Open(CancellationToken.None), ct =>
        {
            gate.Wait(ct);
            return Open(ct);
        }));
        _corpus.Write("carthage.txt", Carthage);

        var reload = service.ReloadAsync();
        var answer = service.Ask("When did Caesar cross the Rubicon?");

        Assert.False(reload.IsCompleted);
        Assert.Contains("Rubicon", answer.Quote?.Text.Text ?? string.Empty, StringComparison.Ordinal);
        gate.Set();
        await reload.WaitAsync(Waiting.Patience);
        Assert.Equal(1, Hits(service, "elephants"));
    }

    [Fact]
    public async Task Reload_Fails_LogsOneWarningKeepsTheOldEngineAndRetriesAtTheNextChange()
    {
        _corpus.Write("rome.txt", Rome);
        var logger = new ListLogger();
        var failing = true;
        var service = Track(new LiveAnswerService(
            Open(CancellationToken.None),
            ct => failing ? throw new IOException("The file is being written.") : Open(ct),
            logger: logger));
        var old = service.Current;
        _corpus.Write("carthage.txt", Carthage);

        await service.ReloadAsync().WaitAsync(Waiting.Patience);

        Assert.Contains("still answering from the previous index", Assert.Single(logger.Warnings), StringComparison.Ordinal);
        Assert.Same(old, service.Current);
        Assert.False(old.IsDisposed);
        Assert.Equal(1, Hits(service, "Rubicon"));
        Assert.Equal(0, Hits(service, "elephants"));

        failing = false;
        await service.ReloadAsync().WaitAsync(Waiting.Patience);

        Assert.Equal(1, Hits(service, "elephants"));
        Assert.True(old.IsDisposed);
        Assert.Single(logger.Warnings);
    }

    [Fact]
    public async Task Dispose_DuringAReload_CancelsItWithoutWaitingForIt()
    {
        _corpus.Write("rome.txt", Rome);
        using var started = new ManualResetEventSlim();
        var cancelled = false;
        var service = new LiveAnswerService(Open(CancellationToken.None), ct =>
        {
            started.Set();
            try
            {
                // A reload that would never end on its own.
                ct.WaitHandle.WaitOne();
                ct.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }

            return Open(ct);
        });
        var reload = service.ReloadAsync();
        Assert.True(started.Wait(Waiting.Patience));
        var engine = service.Current;

        service.Dispose();

        await reload.WaitAsync(Waiting.Patience);
        Assert.True(cancelled);
        Assert.True(engine.IsDisposed);
    }

    [Fact]
    public void Dispose_WithAQuestionInFlight_DisposesTheEngineAfterIt()
    {
        _corpus.Write("rome.txt", Rome);
        var service = new LiveAnswerService(Open(CancellationToken.None), Open);
        var inFlight = service.Acquire();

        service.Dispose();

        Assert.False(inFlight.IsDisposed);
        Assert.Single(inFlight.Engine.Search("Rubicon", 10).Hits);
        inFlight.Release();
        Assert.True(inFlight.IsDisposed);
    }

    [Fact]
    public void Start_WatchCorpusOff_DoesNotWatchButKnowsWhenTheCorpusChanged()
    {
        var path = _corpus.Write("rome.txt", Rome);
        var written = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        var options = Options();
        options.WatchCorpus = false;

        var service = Track(LiveAnswerService.Start(Open, Open, options));

        Assert.False(service.IsWatching);
        Assert.Equal(written, service.CorpusChanged);
        Assert.Equal(1, service.Stats.Documents);
    }
}
