using HistoryBot.Discord.Tests.Support;

namespace HistoryBot.Discord.Tests.Hosting;

/// <summary>Bad configuration stops the bot before it connects; a token Discord rejects stops it with exit code 3.</summary>
public sealed class TokenAndStartupTests
{
    [Fact]
    public async Task Run_NaNCooldown_Exits2NamingTheKeyWithoutConnecting()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:UserCooldownSeconds"] = "NaN" });

        var exit = await bot.Run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        var line = Assert.Single(bot.Errors.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("Discord:UserCooldownSeconds must be", line, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Empty(server.Connections);
    }

    [Theory]
    [InlineData("MTAwMA.secret token.DO-NOT-LEAK")]
    [InlineData("MTAwMA.sécret-token.DO-NOT-LEAK")]
    [InlineData("MTAwMA.secret\ttoken.DO-NOT-LEAK")]
    public async Task Run_ImpossibleToken_Exits2BeforeConnectingWithoutPrintingIt(string token)
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:Token"] = token });

        var exit = await bot.Run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        var line = Assert.Single(bot.Errors.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("Discord:Token", line, StringComparison.Ordinal);
        Assert.DoesNotContain("DO-NOT-LEAK", line, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Empty(server.Connections);
    }

    [Fact]
    public async Task Run_TokenRevokedWhileRunning_Exits3WithTheSameMessageAsABadTokenAtStart()
    {
        // Given: the message a token rejected at start gives
        await using var startServer = await FakeDiscordServer.StartAsync();
        startServer.FailNext(new ScriptedFailure("GET", "/gateway/bot", 401));
        await using var rejectedAtStart = BotHarness.Start(startServer);
        Assert.Equal(3, await rejectedAtStart.Run.WaitAsync(TimeSpan.FromSeconds(60)));
        var atStart = rejectedAtStart.Errors.ToString().Trim();

        // When: a running bot's token is revoked, so its next reply gets a 401
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();
        server.FailNext(new ScriptedFailure("POST", "/messages", 401));
        await server.MentionAsync(9001, $"<@{FakeDiscordServer.BotUserId}> Who succeeded Lenin?");
        var exit = await bot.Run.WaitAsync(TimeSpan.FromSeconds(60));

        // Then: it stops with exit code 3 and the same one line, closing the gateway
        Assert.Equal(3, exit);
        Assert.Equal(atStart, bot.Errors.ToString().Trim());
        Assert.Contains("HTTP 401", atStart, StringComparison.Ordinal);
        Assert.Contains("Discord:Token", atStart, StringComparison.Ordinal);
        Assert.DoesNotContain(BotHarness.Token, atStart, StringComparison.Ordinal);
    }
}
