using System.Text;
using HistoryBot.Discord.Client.Gateway;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Discord.Tests.Gateway;

public sealed class GatewaySessionTests
{
    [Fact]
    public void Sequence_BeforeAnyDispatch_IsNull()
    {
        var session = new GatewaySession();

        Assert.Null(session.Sequence);
        Assert.False(session.CanResume);
    }

    [Fact]
    public void RecordSequence_KeepsTheLastOne_IgnoresNegative()
    {
        var session = new GatewaySession();

        session.RecordSequence(1);
        session.RecordSequence(7);
        session.RecordSequence(-3);

        Assert.Equal(7, session.Sequence);
    }

    [Fact]
    public void ForgetAndResetSequence_AfterASession_StartAfresh()
    {
        var session = new GatewaySession();
        session.Start("session", "wss://resume.example");
        session.RecordSequence(42);

        session.ResetSequence();
        Assert.Null(session.Sequence);
        Assert.True(session.CanResume);

        session.RecordSequence(43);
        session.Forget();
        Assert.Null(session.Sequence);
        Assert.False(session.CanResume);
        Assert.Null(session.ResumeUrl);
    }

    [Fact]
    public void Start_BlankResumeUrl_ResumesOnTheConfiguredUrl()
    {
        var session = new GatewaySession();

        session.Start("session", " ");

        Assert.Equal("session", session.SessionId);
        Assert.Null(session.ResumeUrl);
    }

    [Fact]
    public async Task Sequence_WrittenByTheReadLoopWhileOthersRead_NeverReadsAValueThatWasNotWritten()
    {
        // Given: values whose high and low halves differ, so a torn 64-bit read could not pass for a written value
        const long Base = 1L << 40;
        const int Count = 50_000;
        var session = new GatewaySession();
        var seen = new List<long>();

        // When: one writer (the read loop) and two readers (heartbeat, resume) at once, on threads of their own so the
        // spinning readers never hold the thread pool the other tests' bots run on
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
            () =>
            {
                var local = new List<long>();
                while (!stop.IsCancellationRequested)
                {
                    if (session.Sequence is { } value)
                    {
                        local.Add(value);
                    }

                    Thread.Yield();
                }

                return local;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToList();
        await Task.Factory.StartNew(
            () =>
            {
                for (long i = 1; i <= Count; i++)
                {
                    session.RecordSequence(Base + i);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await stop.CancelAsync();
        foreach (var reader in readers)
        {
            seen.AddRange(await reader);
        }

        // Then
        Assert.All(seen, value => Assert.InRange(value, Base + 1, Base + Count));
        Assert.Equal(Base + Count, session.Sequence);
    }

    [Fact]
    public async Task Heartbeat_AfterDispatches_CarriesTheLastSequence()
    {
        // Given
        var session = new GatewaySession();
        var socket = new RecordingSocket();
        using var connection = new GatewayConnection(socket, new GatewayTimings(), TimeProvider.System);
        var heartbeat = new GatewayHeartbeat(0, session, new GatewayTimings(), TimeProvider.System, NullLogger.Instance);

        // When
        await heartbeat.SendAsync(connection);
        session.RecordSequence(5);
        session.RecordSequence(6);
        await heartbeat.SendAsync(connection);

        // Then
        Assert.Equal(["""{"op":1,"d":null}""", """{"op":1,"d":6}"""], socket.Sent);
    }

    private sealed class RecordingSocket : IWebSocketClient
    {
        public List<string> Sent { get; } = [];

        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
        {
            Sent.Add(Encoding.UTF8.GetString(utf8.Span));
            return Task.CompletedTask;
        }

        public Task<WebSocketMessage> ReceiveAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CloseOutputAsync(int closeCode, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Abort()
        {
        }

        public void Dispose()
        {
        }
    }
}
