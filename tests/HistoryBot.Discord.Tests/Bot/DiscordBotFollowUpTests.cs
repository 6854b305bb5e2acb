using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryBot.Discord.Bot;
using HistoryBot.Discord.Client.Gateway;
using HistoryBot.Discord.Client.Rest;
using HistoryBot.Discord.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HistoryBot.Discord.Tests.Bot;

/// <summary>
/// The bot layer on its own, fed dispatches directly and replying to the fake Discord's REST routes, on a fake clock:
/// when a channel's follow-up context is forgotten.
/// </summary>
public sealed class DiscordBotFollowUpTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeAnswerService _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new();
    private FakeDiscordServer _server = null!;
    private ulong _nextMessageId = 5000;

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _server.DisposeAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Mention_FollowUpAfterTheIdleTime_IsAnsweredAsTyped()
    {
        // Given
        var bot = StartBot(new DiscordOptions { FollowUpIdleMinutes = 30 });
        await AskAsync(bot, 500, "Who succeeded Lenin?");

        // When
        _time.Advance(TimeSpan.FromMinutes(29));
        await AskAsync(bot, 500, "When did he die?");
        _time.Advance(TimeSpan.FromMinutes(30));
        await AskAsync(bot, 500, "What about Trotsky?");

        // Then
        Assert.Equal(["Who succeeded Lenin?", "When did Lenin die?", "What about Trotsky?"], _answers.Questions);
        Assert.DoesNotContain("reading it as", _server.Replies.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mention_NewChannelOverTheCap_EvictsTheLeastRecentlyUsedChannel()
    {
        // Given: room for two channels
        var bot = StartBot(new DiscordOptions { FollowUpChannels = 2 });
        await AskAsync(bot, 500, "Who succeeded Lenin?");
        await AskAsync(bot, 501, "Where was Trotsky exiled?");

        // When: a third channel asks
        await AskAsync(bot, 502, "Who was Stalin?");
        await AskAsync(bot, 501, "When did he die?");
        await AskAsync(bot, 500, "When did he die?");

        // Then: 500, the oldest, has forgotten Lenin; 501 still knows Trotsky
        Assert.Equal(
            ["Who succeeded Lenin?", "Where was Trotsky exiled?", "Who was Stalin?", "When did Trotsky die?", "When did he die?"],
            _answers.Questions);
    }

    private DiscordBot StartBot(DiscordOptions options)
    {
        options.Token = BotHarness.Token;
        options.ApiBaseUrl = _server.ApiBaseUrl;
        options.UserCooldownSeconds = 0;
        options.ChannelLimit = 0;
        var rest = new DiscordRestClient(_http, new DiscordRestOptions(options.ApiBaseUrl, options.Token), _time, NullLogger<DiscordRestClient>.Instance);
        var bot = new DiscordBot(_answers, rest, options, QuestionLogging.None, _time, NullLogger<DiscordBot>.Instance, _stop.Token);
        Dispatch(bot, "READY", new JsonObject
        {
            ["v"] = 10,
            ["user"] = new JsonObject { ["id"] = FakeDiscordServer.BotUserId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["bot"] = true },
            ["session_id"] = "session",
            ["application"] = new JsonObject { ["id"] = FakeDiscordServer.ApplicationId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        return bot;
    }

    private async Task AskAsync(DiscordBot bot, ulong channelId, string question)
    {
        var replies = _server.Replies.Count();
        Dispatch(bot, "MESSAGE_CREATE", FakeDiscordServer.Message(++_nextMessageId, $"<@{FakeDiscordServer.BotUserId}> {question}", channelId: channelId));
        await FakeDiscordServer.WaitUntilAsync(() => _server.Replies.Count() > replies, because: $"the reply to \"{question}\"");
    }

    private static void Dispatch(DiscordBot bot, string type, JsonNode data) =>
        bot.OnDispatch(new GatewayDispatch(0, type, JsonSerializer.SerializeToElement(data), null));
}
