using HistoryBot.Cli;
using HistoryBot.Discord.Tests.Support;

namespace HistoryBot.Discord.Tests.Cli;

/// <summary>`historybot discord` itself, with the real engine over the seed article, against the fake Discord.</summary>
public sealed class DiscordCommandEndToEndTests : IDisposable
{
    private const string Token = "test-token.abc.def";
    private readonly string _index = Path.Combine(Path.GetTempPath(), "historybot-discord-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_index))
        {
            Directory.Delete(_index, recursive: true);
        }
    }

    private static string SeedCorpus => Path.Combine(AppContext.BaseDirectory, "TestData", "seed-corpus");

    [Fact]
    public async Task DiscordCommand_MentionAboutLeninsDeath_RepliesOnceWith1924AndStopsCleanly()
    {
        // Given the bot started through the command line, configured only by configuration keys
        await using var server = await FakeDiscordServer.StartAsync();
        var output = new StringWriter();
        var errors = new StringWriter();
        using var stop = new CancellationTokenSource();
        var app = new CliApp(new ConsoleIO(new StringReader(string.Empty), output, errors));
        var run = app.RunAsync(
            [
                "discord", "--corpus", SeedCorpus, "--index", _index, "--retrieval", "lexical",
                $"--Discord:Token={Token}", $"--Discord:ApiBaseUrl={server.ApiBaseUrl}",
                $"--Log:Path={Path.Combine(_index, "questions.db")}",
            ],
            stop.Token);
        await server.WaitForReadyAsync();

        // When a user mentions the bot with a question
        await server.MentionAsync(7001, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any(), timeoutMs: 60_000, because: "a reply");

        // Then a safe reply quotes the answer (that no second one follows is pinned by the bot's own end-to-end tests,
        // which can wait until the bot is idle; here the count is checked once the app has exited)
        var reply = server.Replies.First();
        Assert.Contains("1924", reply.Body, StringComparison.Ordinal);
        Assert.Equal("7001", (string?)reply.Json!["message_reference"]!["message_id"]);
        Assert.Empty(reply.Json!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.StartsWith("fb:up:", (string?)reply.Json!["components"]![0]!["components"]![0]!["custom_id"], StringComparison.Ordinal);

        // And Ctrl-C closes the gateway with 1000 and exits 0, never printing the token
        await stop.CancelAsync();
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, exit);
        Assert.Single(server.Replies);
        Assert.Equal(1000, server.Connections[^1].ClientCloseCode);
        Assert.DoesNotContain(Token, output + errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscordCommand_NoToken_OneLineErrorNamingKeyAndVariable()
    {
        var errors = new StringWriter();
        var app = new CliApp(new ConsoleIO(new StringReader(string.Empty), new StringWriter(), errors));

        var exit = await app.RunAsync(["discord", "--corpus", SeedCorpus, "--index", _index], CancellationToken.None);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("Discord:Token", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("HISTORYBOT_Discord__Token", errors.ToString(), StringComparison.Ordinal);
        Assert.Single(errors.ToString().Trim().Split('\n'));
    }

    [Fact]
    public async Task DiscordCommand_NaNCooldown_Exits2NamingTheKeyBeforeOpeningTheIndex()
    {
        var errors = new StringWriter();
        var app = new CliApp(new ConsoleIO(new StringReader(string.Empty), new StringWriter(), errors));

        var exit = await app.RunAsync(
            ["discord", "--corpus", SeedCorpus, "--index", _index, $"--Discord:Token={Token}", "--Discord:UserCooldownSeconds=NaN"],
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(ExitCodes.UsageError, exit);
        var line = Assert.Single(errors.ToString().Trim().Split('\n'));
        Assert.StartsWith("Discord:UserCooldownSeconds must be", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_index));
    }
}
