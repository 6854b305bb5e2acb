using HistoryBot.Discord.Client.Gateway;
using HistoryBot.Discord.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Tests.Support;

/// <summary>Runs the real bot host (<see cref="DiscordBotRunner"/>) against a <see cref="FakeDiscordServer"/>, with short timings.</summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const string Token = "MTAwMA.secret-token.DO-NOT-LEAK";

    private readonly CancellationTokenSource _stop;
    private readonly ILoggerFactory _loggers;

    private BotHarness(
        FakeAnswerService answers, CollectingLoggerProvider logs, StringWriter errors, Task<int> run, ILoggerFactory loggers, CancellationTokenSource stop, BotActivity activity)
    {
        Activity = activity;
        _stop = stop;
        Answers = answers;
        Logs = logs;
        Errors = errors;
        Run = run;
        _loggers = loggers;
    }

    public FakeAnswerService Answers { get; }

    /// <summary>What the bot has handled and what it is still sending.</summary>
    public BotActivity Activity { get; }

    public CollectingLoggerProvider Logs { get; }

    public StringWriter Errors { get; }

    public Task<int> Run { get; }

    public static GatewayTimings FastTimings { get; } = new()
    {
        FirstReconnectDelay = TimeSpan.FromMilliseconds(100),
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(200),
        MaxReconnectDelay = TimeSpan.FromSeconds(1),
        InvalidSessionMinDelay = TimeSpan.FromMilliseconds(100),
        InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(200),
        CloseTimeout = TimeSpan.FromMilliseconds(500),
        IdentifyWindow = TimeSpan.FromMilliseconds(200),
    };

    public static BotHarness Start(FakeDiscordServer server, IDictionary<string, string?>? settings = null, QuestionLogging? logging = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Discord:Token"] = Token,
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl,
            ["Discord:UserCooldownSeconds"] = "0",
            ["Discord:ChannelLimit"] = "0",
            ["Discord:DeferAfterMilliseconds"] = "300",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CollectingLoggerProvider();
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var errors = new StringWriter();
        var answers = new FakeAnswerService();
        var activity = new BotActivity();
        var runtime = DiscordRuntime.Default with { Timings = FastTimings, Activity = activity };
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => DiscordBotRunner.RunAsync(answers, logging ?? QuestionLogging.None, configuration, loggers, errors, runtime, stop.Token));
        return new BotHarness(answers, logs, errors, run, loggers, stop, activity);
    }

    /// <summary>
    /// Waits until the bot has handled every dispatch the server sent in this session and sent (or given up on) every
    /// reply they started: after it, nothing more comes, so a test can assert that something did not happen.
    /// </summary>
    public Task WaitUntilIdleAsync(FakeDiscordServer server) =>
        FakeDiscordServer.WaitUntilAsync(() => Activity.IsIdleAfter(server.LastSequence), because: "the bot done with every dispatch and reply");

    /// <summary>Stops the bot the way Ctrl-C does and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
        _loggers.Dispose();
    }
}
