using System.Text.Json.Nodes;
using HistoryBot.Discord.Tests.Support;

namespace HistoryBot.Discord.Tests.Bot;

/// <summary>The real bot host against the fake Discord: follow-up questions are read per channel (and thread).</summary>
public sealed class FollowUpEndToEndTests
{
    private static readonly string Mention = $"<@{FakeDiscordServer.BotUserId}>";

    [Fact]
    public async Task Mention_FollowUpInSameChannel_IsAnsweredAsTheStandaloneQuestionAndSaysSo()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();
        await server.MentionAsync(1101, $"{Mention} Who succeeded Lenin?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 1, because: "the first reply");

        // When
        await server.MentionAsync(1102, $"{Mention} When did he die?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 2, because: "the follow-up's reply");

        // Then
        Assert.Equal(["Who succeeded Lenin?", "When did Lenin die?"], bot.Answers.Questions);
        var embed = Embed(server.Replies.Last());
        Assert.Equal("When did he die?", (string?)embed["title"]);
        Assert.StartsWith("*(reading it as: When did Lenin die?)*", (string?)embed["description"], StringComparison.Ordinal);
        Assert.Contains("1924", (string?)embed["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mention_FollowUpInAnotherChannelOrThread_IsNotReadWithTheFirstChannelsContext()
    {
        // Given: a question in channel 500
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();
        await server.MentionAsync(1201, $"{Mention} Who succeeded Lenin?", channelId: 500);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 1, because: "the first reply");

        // When: a follow-up in a thread (its own channel id), then one back in channel 500
        await server.MentionAsync(1202, $"{Mention} When did he die?", channelId: 501);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 2, because: "the thread's reply");
        await server.MentionAsync(1203, $"{Mention} What about Trotsky?", channelId: 500);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 3, because: "the channel's reply");

        // Then
        Assert.Equal(["Who succeeded Lenin?", "When did he die?", "Who succeeded Trotsky?"], bot.Answers.Questions);
        var inThread = server.Replies.Single(r => r.Path == "/channels/501/messages");
        Assert.Equal("When did he die?", (string?)Embed(inThread)["title"]);
        Assert.DoesNotContain("reading it as", inThread.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlashAsk_WhatAbout_FollowsTheMentionBeforeItInTheSameChannelOnly()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();
        await server.MentionAsync(1301, $"{Mention} When did Lenin die?", channelId: 500);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 1, because: "the mention's reply");

        // When
        await server.SlashCommandAsync(1302, "ask", "question", "What about Trotsky?", channelId: 500);
        await FakeDiscordServer.WaitUntilAsync(() => Callback(server, 1302) is not null, because: "the /ask in 500");
        await server.SlashCommandAsync(1303, "ask", "question", "What about Stalin?", channelId: 502);
        await FakeDiscordServer.WaitUntilAsync(() => Callback(server, 1303) is not null, because: "the /ask in 502");

        // Then
        Assert.Equal(["When did Lenin die?", "When did Trotsky die?", "What about Stalin?"], bot.Answers.Questions);
        var embed = Callback(server, 1302)!.Json!["data"]!["embeds"]![0]!;
        Assert.Equal("What about Trotsky?", (string?)embed["title"]);
        Assert.StartsWith("*(reading it as: When did Trotsky die?)*", (string?)embed["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mention_FollowUpsTurnedOff_AreAnsweredAsTyped()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:FollowUpChannels"] = "0" });
        await server.WaitForReadyAsync();

        await server.MentionAsync(1401, $"{Mention} Who succeeded Lenin?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 1);
        await server.MentionAsync(1402, $"{Mention} When did he die?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 2);

        Assert.Equal(["Who succeeded Lenin?", "When did he die?"], bot.Answers.Questions);
    }

    private static JsonNode Embed(RecordedRequest reply) => reply.Json!["embeds"]![0]!;

    private static RecordedRequest? Callback(FakeDiscordServer server, ulong interactionId) =>
        server.Requests.FirstOrDefault(r => r.Path.StartsWith($"/interactions/{interactionId}/", StringComparison.Ordinal));
}
