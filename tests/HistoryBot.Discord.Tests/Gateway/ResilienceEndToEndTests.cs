using System.Text.Json.Nodes;
using HistoryBot.Discord.Tests.Support;

namespace HistoryBot.Discord.Tests.Gateway;

/// <summary>Each fault of the issue, survived by the real bot host with no lost and no duplicate reply.</summary>
public sealed class ResilienceEndToEndTests
{
    private static readonly string Mention = $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?";

    [Fact]
    public async Task DroppedSocket_ResumesOnResumeUrlWithSessionAndSequence_NothingLostOrRepeated()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();
        await server.MentionAsync(1001, Mention);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 1);
        var session = server.SessionId;

        // When: the socket drops, and a question arrives while the bot is away
        server.Current!.Abort();
        await server.MentionAsync(1002, Mention);
        await server.WaitForReadyAsync(connections: 2);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 2, because: "the missed question answered");
        await bot.WaitUntilIdleAsync(server);

        // Then
        var second = server.Connections[1];
        Assert.StartsWith("/resume?", second.PathAndQuery, StringComparison.Ordinal);
        Assert.Empty(second.ReceivedOp(2));
        var resume = Assert.Single(second.ReceivedOp(6))["d"]!;
        Assert.Equal(session, (string?)resume["session_id"]);
        Assert.Equal(2, (long)resume["seq"]!);
        Assert.Equal(BotHarness.Token, (string?)resume["token"]);
        Assert.Equal(["1001", "1002"], server.Replies.Select(r => (string?)r.Json!["message_reference"]!["message_id"]).Order());
    }

    [Fact]
    public async Task Reconnect_Op7_ClosesWith4000AndResumes()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();
        var first = server.Current!;

        // When
        await first.SendOpAsync(7, null);
        await server.WaitForReadyAsync(connections: 2);
        await server.MentionAsync(1101, Mention);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any());

        // Then
        Assert.Equal(4000, first.ClientCloseCode);
        Assert.Single(server.Connections[1].ReceivedOp(6));
        Assert.Single(server.Replies);
    }

    [Fact]
    public async Task InvalidSession_NotResumable_IdentifiesAfreshOnTheGatewayUrl()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        // When
        await server.Current!.SendOpAsync(9, JsonValue.Create(false));
        await server.WaitForReadyAsync(connections: 2);

        // Then
        var second = server.Connections[1];
        Assert.StartsWith("/gateway?", second.PathAndQuery, StringComparison.Ordinal);
        Assert.Single(second.ReceivedOp(2));
        Assert.Empty(second.ReceivedOp(6));
    }

    [Fact]
    public async Task InvalidSession_Resumable_Resumes()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        await server.Current!.SendOpAsync(9, JsonValue.Create(true));
        await server.WaitForReadyAsync(connections: 2);

        Assert.Single(server.Connections[1].ReceivedOp(6));
    }

    [Fact]
    public async Task Gateway_ServerAsksForHeartbeat_AnswersAtOnce()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.HeartbeatIntervalMs = 30_000;
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();
        var before = server.Current!.ReceivedOp(1).Count();

        await server.Current!.SendOpAsync(1, null);
        await FakeDiscordServer.WaitUntilAsync(() => server.Current!.ReceivedOp(1).Count() > before);

        Assert.Equal(1, (long)server.Current!.ReceivedOp(1).Last()["d"]!);
    }

    [Fact]
    public async Task Heartbeats_FollowTheInterval_AndCarryTheLastSequence()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.HeartbeatIntervalMs = 200;
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Wait for three beats however slow the machine is; only the lower bound on their spacing is timing-safe.
        await FakeDiscordServer.WaitUntilAsync(() => server.Current!.ReceivedOp(1).Count() >= 3, because: "three heartbeats");

        var beats = server.Current!.ReceivedOp(1).ToList();
        Assert.True(clock.ElapsedMilliseconds >= 1.5 * 200, $"three beats within {clock.ElapsedMilliseconds} ms of a 200 ms interval");
        Assert.Equal(1, (long)beats[^1]["d"]!);
    }

    [Fact]
    public async Task ZombieConnection_NoAck_ClosesAndResumes()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        server.HeartbeatIntervalMs = 200;
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();
        var first = server.Current!;

        // When
        server.AckHeartbeats = false;
        await FakeDiscordServer.WaitUntilAsync(() => server.Connections.Count == 2, because: "a reconnect after missed ACKs");
        server.AckHeartbeats = true;
        await server.WaitForReadyAsync(connections: 2);
        await server.MentionAsync(1201, Mention);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any());

        // Then
        Assert.NotNull(first.ClientCloseCode);
        Assert.NotEqual(1000, first.ClientCloseCode);
        Assert.NotEqual(1001, first.ClientCloseCode);
        Assert.Single(server.Connections[1].ReceivedOp(6));
        Assert.Single(server.Replies);
    }

    [Fact]
    public async Task Gateway_ServerCloses4000_Resumes()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        await server.Current!.CloseAsync(4000, "unknown error");
        await server.WaitForReadyAsync(connections: 2);

        Assert.Single(server.Connections[1].ReceivedOp(6));
    }

    [Fact]
    public async Task Gateway_ServerCloses4009_IdentifiesAfresh()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        await server.Current!.CloseAsync(4009, "session timed out");
        await server.WaitForReadyAsync(connections: 2);

        Assert.Single(server.Connections[1].ReceivedOp(2));
    }

    [Fact]
    public async Task RateLimited429_OnReply_WaitsRetryAfterAndRepliesOnce()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        server.FailNext(new ScriptedFailure("POST", "/messages", 429, RetryAfter: 0.4));
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        // When
        await server.MentionAsync(1301, Mention);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any());
        await bot.WaitUntilIdleAsync(server);

        // Then
        var attempts = server.Requests.Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(380));
        Assert.Contains("Rate limited", bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_Global429_PausesAndRetries()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.FailNext(new ScriptedFailure("POST", "/messages", 429, RetryAfter: 0.3, Global: true));
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        await server.MentionAsync(1302, Mention);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any());

        Assert.Single(server.Replies);
        Assert.Contains("global: True", bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerError500_OnReply_IsRetriedAndRepliesOnce()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.FailNext(new ScriptedFailure("POST", "/messages", 500));
        server.FailNext(new ScriptedFailure("POST", "/messages", 502));
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        await server.MentionAsync(1401, Mention);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any());
        await bot.WaitUntilIdleAsync(server);

        Assert.Equal([500, 502, 200], server.Requests.Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)).Select(r => r.Status));
    }

    [Fact]
    public async Task CloseCode4004_ExitsNonZeroWithoutRetrying_AndNeverPrintsTheToken()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        server.CloseOnIdentify = 4004;
        await using var bot = BotHarness.Start(server);

        // When
        // (once the run has returned, its shards have ended: no reconnect can follow)
        var exitCode = await bot.Run.WaitAsync(TimeSpan.FromSeconds(10));

        // Then
        Assert.Equal(3, exitCode);
        Assert.Single(server.Connections);
        var error = bot.Errors.ToString();
        Assert.Contains("Discord:Token", error, StringComparison.Ordinal);
        Assert.Contains("rejected", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain(BotHarness.Token, error, StringComparison.Ordinal);
        Assert.DoesNotContain(BotHarness.Token, bot.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_Closes4014_SaysToEnableTheIntent()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.CloseOnIdentify = 4014;
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:MessageContentIntent"] = "true" });

        Assert.Equal(3, await bot.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("enable the Message Content intent", bot.Errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_WhileConnected_ClosesWith1000AndReturnsZero()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        // When
        var exitCode = await bot.StopAsync();

        // Then
        Assert.Equal(0, exitCode);
        await FakeDiscordServer.WaitUntilAsync(() => server.Current!.ClientClosed);
        Assert.Equal(1000, server.Current!.ClientCloseCode);
        Assert.Single(server.Connections);
        Assert.DoesNotContain(BotHarness.Token, bot.Logs.All, StringComparison.Ordinal);
    }
}
