using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using HistoryBot.Discord.Client.Gateway;
using HistoryBot.Discord.Tests.Support;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Tests.Gateway;

/// <summary>What goes wrong on the gateway is logged with its exception (type and stack), not only its message.</summary>
public sealed class GatewayLoggingTests
{
    [Fact]
    public async Task RunAsync_ConnectFails_LogsTheException()
    {
        // Given
        var failure = new WebSocketException("connection refused");
        var (loop, logger) = CreateSut();

        // When
        await loop.RunAsync(new ScriptedSocket(connectFailure: failure), CancellationToken.None);

        // Then
        var entry = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Same(failure, entry.Exception);
        Assert.Contains("connection refused", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MalformedFrameThenDrop_LogsBothExceptions()
    {
        // Given
        var drop = new IOException("reset by peer");
        var (loop, logger) = CreateSut();

        // When
        await loop.RunAsync(new ScriptedSocket(frames: ["{ not json"], receiveFailure: drop), CancellationToken.None);

        // Then
        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.IsAssignableFrom<JsonException>(warnings[0].Exception);
        Assert.Same(drop, warnings[1].Exception);
    }

    [Fact]
    public async Task Run_GatewayLookupFails_LogsTheException()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        server.FailNext(new ScriptedFailure("GET", "/gateway/bot", 502));
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:MaxServerErrorRetries"] = "0" });

        // When
        await server.WaitForReadyAsync();

        // Then
        var line = Assert.Single(bot.Logs.Lines, l => l.Contains("GET /gateway/bot failed", StringComparison.Ordinal));
        Assert.Contains("DiscordRestException", line, StringComparison.Ordinal);
    }

    private static (GatewayConnectionLoop Loop, RecordingLogger Logger) CreateSut()
    {
        var logger = new RecordingLogger();
        var options = new GatewayShardOptions("token", "ws://127.0.0.1:1/gateway", 0, 1, GatewayIntents.Default);
        var loop = new GatewayConnectionLoop(
            options, new GatewaySession(), new IdentifyGate(1, TimeSpan.Zero, TimeProvider.System), new NoHandler(), new GatewayTimings(), TimeProvider.System, logger);
        return (loop, logger);
    }

    private sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    private sealed class RecordingLogger : ILogger
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue(new(logLevel, formatter(state, exception), exception));
    }

    private sealed class NoHandler : IGatewayDispatchHandler
    {
        public void OnDispatch(GatewayDispatch dispatch)
        {
        }
    }

    private sealed class ScriptedSocket(Exception? connectFailure = null, string[]? frames = null, Exception? receiveFailure = null) : IWebSocketClient
    {
        private readonly Queue<string> _frames = new(frames ?? []);

        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) =>
            connectFailure is null ? Task.CompletedTask : Task.FromException(connectFailure);

        public Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<WebSocketMessage> ReceiveAsync(CancellationToken cancellationToken) =>
            _frames.TryDequeue(out var frame)
                ? Task.FromResult(WebSocketMessage.FromText(frame))
                : Task.FromException<WebSocketMessage>(receiveFailure ?? new IOException("end of script"));

        public Task CloseOutputAsync(int closeCode, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Abort()
        {
        }

        public void Dispose()
        {
        }
    }
}
