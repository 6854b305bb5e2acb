using System.Text.Json.Nodes;
using HistoryBot.Discord.Tests.Support;
using HistoryBot.QuestionLog;

namespace HistoryBot.Discord.Tests.Bot;

/// <summary>The 👍/👎 buttons under every answer, and what a click does, against the fake Discord.</summary>
public sealed class FeedbackEndToEndTests
{
    private static readonly string Mention = $"<@{FakeDiscordServer.BotUserId}>";

    [Fact]
    public async Task Mention_Answer_CarriesTwoValidFeedbackButtonsForItsLogEntry()
    {
        // Given
        var log = new FakeQuestionLog();
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, logging: new QuestionLogging(log, "lexical"));
        await server.WaitForReadyAsync();

        // When
        await server.MentionAsync(3001, $"{Mention} Who succeeded Lenin?", authorId: 42, channelId: 500);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any(), because: "the answer");

        // Then: recorded once, from discord, with where it was asked
        var (entryId, entry) = Assert.Single(log.Entries);
        Assert.Equal("discord", entry.Source);
        Assert.Equal("Who succeeded Lenin?", entry.Question);
        Assert.Equal("lexical", entry.RetrievalMode);
        Assert.Equal((300UL, 500UL, 42UL), (entry.GuildId!.Value, entry.ChannelId!.Value, entry.UserId!.Value));

        // And the reply carries 👍 and 👎 with that entry's id, pinging no one
        var reply = Assert.Single(server.Replies).Json!;
        AssertFeedbackButtons(reply["components"], entryId);
        Assert.Empty(reply["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task DirectMessage_Answer_CarriesTheButtonsToo()
    {
        var log = new FakeQuestionLog();
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:AnswerDirectMessages"] = "true" }, new QuestionLogging(log, "lexical"));
        await server.WaitForReadyAsync();

        await server.MentionAsync(3002, "Who succeeded Lenin?", mention: false, guildId: null);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any(), because: "the answer in the DM");

        var (entryId, entry) = Assert.Single(log.Entries);
        Assert.Null(entry.GuildId);
        AssertFeedbackButtons(Assert.Single(server.Replies).Json!["components"], entryId);
    }

    [Fact]
    public async Task SlashAskAndSearch_Answered_OnlyTheAnswerCarriesButtons()
    {
        var log = new FakeQuestionLog();
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, logging: new QuestionLogging(log, "lexical"));
        await server.WaitForReadyAsync();

        await server.SlashCommandAsync(3003, "ask", "question", "When did Lenin die?");
        await server.SlashCommandAsync(3004, "search", "query", "Lenin");
        await FakeDiscordServer.WaitUntilAsync(() => Callbacks(server).Count() == 2, because: "both interaction responses");

        var (entryId, _) = Assert.Single(log.Entries);
        var ask = Assert.Single(Callbacks(server), r => r.Path.StartsWith("/interactions/3003/", StringComparison.Ordinal)).Json!;
        AssertFeedbackButtons(ask["data"]!["components"], entryId);
        var search = Assert.Single(Callbacks(server), r => r.Path.StartsWith("/interactions/3004/", StringComparison.Ordinal)).Json!;
        Assert.Null(search["data"]!["components"]);
    }

    [Theory]
    [InlineData("down", Feedback.Down)]
    [InlineData("up", Feedback.Up)]
    public async Task Click_FeedbackButton_AcknowledgedEphemerallyAndVoteRecorded(string button, Feedback expected)
    {
        // Given: an answer's entry id (the bot may have restarted since: only the custom_id is needed)
        var log = new FakeQuestionLog();
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, logging: new QuestionLogging(log, "lexical"));
        await server.WaitForReadyAsync();
        const string EntryId = "0123456789abcdef0123456789abcdef";

        // When
        await server.ClickAsync(3101, $"fb:{button}:{EntryId}", userId: 77);
        await FakeDiscordServer.WaitUntilAsync(() => Callbacks(server).Any() && !log.Votes.IsEmpty, because: "the acknowledgement and the vote");

        // Then: a type 4 ephemeral thank-you that pings no one, and one vote by that user
        var ack = Assert.Single(Callbacks(server));
        Assert.Equal("/interactions/3101/interaction-token-3101/callback", ack.Path);
        Assert.Equal(4, (int)ack.Json!["type"]!);
        Assert.Equal(64, (int)ack.Json["data"]!["flags"]!);
        Assert.StartsWith("Thanks", (string?)ack.Json["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(ack.Json["data"]!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal((EntryId, "77", expected), Assert.Single(log.Votes));
    }

    [Theory]
    [InlineData(FeedbackOutcome.Queued, "will be stored shortly")]
    [InlineData(FeedbackOutcome.NotStored, "could not be stored")]
    public async Task Click_VoteNotStoredYetOrAtAll_ReplySaysSoInsteadOfThanks(FeedbackOutcome outcome, string said)
    {
        // Given a question log that is locked (the vote waits in its queue) or can't be written
        var log = new FakeQuestionLog { Outcome = outcome };
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, logging: new QuestionLogging(log, "lexical"));
        await server.WaitForReadyAsync();

        // When
        await server.ClickAsync(3151, "fb:up:0123456789abcdef0123456789abcdef", userId: 77);
        await FakeDiscordServer.WaitUntilAsync(() => Callbacks(server).Any(), because: "the acknowledgement");

        // Then: the ephemeral reply says what became of the vote, never the plain thank-you
        var content = (string?)Assert.Single(Callbacks(server)).Json!["data"]!["content"];
        Assert.Contains(said, content, StringComparison.Ordinal);
        Assert.NotEqual(HistoryBot.Discord.Bot.FeedbackResponder.ThanksUp, content);
    }

    [Fact]
    public async Task Click_SameInteractionDeliveredTwice_CountsOnce()
    {
        var log = new FakeQuestionLog();
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, logging: new QuestionLogging(log, "lexical"));
        await server.WaitForReadyAsync();

        await server.ClickAsync(3201, "fb:up:0123456789abcdef0123456789abcdef");
        await server.ClickAsync(3201, "fb:up:0123456789abcdef0123456789abcdef");
        await server.MentionAsync(3202, $"{Mention} Who succeeded Lenin?");
        await FakeDiscordServer.WaitUntilAsync(
            () => server.Replies.Any() && !log.Votes.IsEmpty && Callbacks(server).Any(), because: "the vote, its acknowledgement and a later answer");

        Assert.Single(log.Votes);
        Assert.Single(Callbacks(server));
    }

    [Theory]
    [InlineData("fb:up:not-an-id")]
    [InlineData("fb:sideways:0123456789abcdef0123456789abcdef")]
    [InlineData("something-else")]
    [InlineData("")]
    public async Task Click_UnreadableButton_PoliteEphemeralReplyAndNoVote(string customId)
    {
        var log = new FakeQuestionLog();
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, logging: new QuestionLogging(log, "lexical"));
        await server.WaitForReadyAsync();

        await server.ClickAsync(3301, customId);
        await FakeDiscordServer.WaitUntilAsync(() => Callbacks(server).Any(), because: "the reply to the click");
        await server.MentionAsync(3302, $"{Mention} Who succeeded Lenin?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any(), because: "the bot still answering");

        var reply = Assert.Single(Callbacks(server)).Json!;
        Assert.Equal(4, (int)reply["type"]!);
        Assert.Equal(64, (int)reply["data"]!["flags"]!);
        Assert.StartsWith("Sorry", (string?)reply["data"]!["content"], StringComparison.Ordinal);
        Assert.Empty(log.Votes);
        Assert.False(bot.Run.IsCompleted);
    }

    private static IEnumerable<RecordedRequest> Callbacks(FakeDiscordServer server) =>
        server.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal));

    private static void AssertFeedbackButtons(JsonNode? components, string entryId)
    {
        var row = Assert.Single(components!.AsArray())!;
        Assert.Equal(1, (int)row["type"]!);
        var buttons = row["components"]!.AsArray();
        Assert.Equal(2, buttons.Count);
        Assert.All(buttons, b =>
        {
            Assert.Equal(2, (int)b!["type"]!);
            Assert.InRange((int)b["style"]!, 1, 4);
            Assert.InRange(((string?)b["custom_id"])!.Length, 1, 100);
        });
        Assert.Equal(["👍", "👎"], buttons.Select(b => (string?)b!["emoji"]!["name"]));
        Assert.Equal([$"fb:up:{entryId}", $"fb:down:{entryId}"], buttons.Select(b => (string?)b!["custom_id"]));
    }
}
