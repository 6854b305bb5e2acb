using System.Text.Json.Nodes;
using HistoryBot.Discord.Tests.Support;

namespace HistoryBot.Discord.Tests.Bot;

/// <summary>The real bot host against the fake Discord: mentions, commands and what must be ignored.</summary>
public sealed class MentionEndToEndTests
{
    [Fact]
    public async Task Mention_WhenDidLeninDie_RepliesOnceWith1924AndSafeMentions()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        // When
        await server.MentionAsync(111, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any(), because: "a reply");
        await bot.WaitUntilIdleAsync(server);

        // Then
        var reply = Assert.Single(server.Replies);
        Assert.Equal("/channels/500/messages", reply.Path);
        Assert.Contains("1924", reply.Body, StringComparison.Ordinal);
        var json = reply.Json!;
        Assert.Equal("111", (string?)json["message_reference"]!["message_id"]);
        Assert.Empty(json["allowed_mentions"]!["parse"]!.AsArray());
        Assert.False((bool)json["allowed_mentions"]!["replied_user"]!);
        Assert.Equal($"Bot {BotHarness.Token}", reply.Authorization);
        Assert.StartsWith("DiscordBot (", reply.UserAgent, StringComparison.Ordinal);
        Assert.DoesNotContain("://", reply.UserAgent, StringComparison.Ordinal);
        Assert.Equal(reply.UserAgent, server.Connections[0].UserAgent);
        var embed = json["embeds"]![0]!;
        Assert.Contains("**Lenin** **died**", (string?)embed["description"], StringComparison.Ordinal);
        Assert.Contains("The Soviet Union", (string?)embed["footer"]!["text"], StringComparison.Ordinal);
        Assert.Equal(2, embed["fields"]!.AsArray().Count);
        Assert.Equal(0, await bot.StopAsync());
    }

    [Fact]
    public async Task Identify_OnConnect_CarriesTokenIntentsAndShard()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);

        // When
        await server.WaitForReadyAsync();

        // Then
        var connection = server.Connections[0];
        Assert.StartsWith("/gateway?", connection.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("v=10", connection.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("encoding=json", connection.PathAndQuery, StringComparison.Ordinal);
        var identify = Assert.Single(connection.ReceivedOp(2))["d"]!;
        Assert.Equal(BotHarness.Token, (string?)identify["token"]);
        Assert.Equal(4609, (int)identify["intents"]!);
        Assert.Equal("[0,1]", identify["shard"]!.ToJsonString());
        Assert.NotNull(identify["properties"]!["os"]);
        await FakeDiscordServer.WaitUntilAsync(() => server.Requests.Any(r => r.Method == "PUT"), because: "the slash commands, registered after READY");
        var commands = Assert.Single(server.Requests, r => r.Method == "PUT");
        Assert.Equal($"/applications/{FakeDiscordServer.ApplicationId}/commands", commands.Path);
        Assert.Equal(["ask", "search", "about"], commands.Json!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public async Task Identify_MessageContentConfigured_AddsPrivilegedIntent()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:MessageContentIntent"] = "true", ["Discord:GuildId"] = "300" });
        await server.WaitForReadyAsync();
        await FakeDiscordServer.WaitUntilAsync(() => server.Requests.Any(r => r.Method == "PUT"));

        Assert.Equal(37377, (int)server.Connections[0].ReceivedOp(2).Single()["d"]!["intents"]!);
        Assert.Contains(server.Requests, r => r.Method == "PUT" && r.Path == $"/applications/{FakeDiscordServer.ApplicationId}/guilds/300/commands");
    }

    [Fact]
    public async Task Messages_FromBotsSelfOrWithoutMention_AreIgnored()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        // When
        await server.MentionAsync(201, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?", authorIsBot: true, authorId: 77);
        await server.MentionAsync(202, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?", authorId: FakeDiscordServer.BotUserId);
        await server.MentionAsync(203, "When did Lenin die?", mention: false);
        await server.MentionAsync(204, "When did Lenin die?", mention: false, guildId: null);
        await server.MentionAsync(205, $"<@!{FakeDiscordServer.BotUserId}> When did Lenin die?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any(), because: "the one reply");
        await bot.WaitUntilIdleAsync(server);

        // Then
        var reply = Assert.Single(server.Replies);
        Assert.Equal("205", (string?)reply.Json!["message_reference"]!["message_id"]);
        Assert.Equal(1, bot.Answers.Asked);
    }

    [Fact]
    public async Task DirectMessage_WhenEnabled_IsAnsweredWithoutMention()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:AnswerDirectMessages"] = "true" });
        await server.WaitForReadyAsync();

        await server.MentionAsync(301, "When did Lenin die?", mention: false, guildId: null, channelId: 900);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any());

        Assert.Equal("/channels/900/messages", Assert.Single(server.Replies).Path);
    }

    [Fact]
    public async Task Mention_OutsideConfiguredChannels_IsIgnored()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:ChannelIds"] = "501,502" });
        await server.WaitForReadyAsync();

        await server.MentionAsync(401, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?", channelId: 500);
        await server.MentionAsync(402, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?", channelId: 502);
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any());
        await bot.WaitUntilIdleAsync(server);

        Assert.Equal("/channels/502/messages", Assert.Single(server.Replies).Path);
    }

    [Fact]
    public async Task Mention_WithEveryoneRoleAndUserPings_IsQuotedHarmlessly()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        // When
        await server.MentionAsync(501, $"<@{FakeDiscordServer.BotUserId}> @everyone @here <@&555> <@777> when did Lenin die?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any());

        // Then
        var json = Assert.Single(server.Replies).Json!;
        Assert.Empty(json["allowed_mentions"]!["parse"]!.AsArray());
        Assert.False((bool)json["allowed_mentions"]!["replied_user"]!);
        Assert.Null(json["content"]);
        Assert.DoesNotMatch(@"(?<!\\)<@", (string?)json["embeds"]![0]!["title"]);
    }

    [Fact]
    public async Task Mention_SameMessageDeliveredTwice_IsAnsweredOnce()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        await server.MentionAsync(601, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?");
        await server.MentionAsync(601, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any());
        await bot.WaitUntilIdleAsync(server);

        Assert.Single(server.Replies);
    }

    [Fact]
    public async Task Mention_UserOverCooldown_GetsOneQuietNoticeThenNothing()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:UserCooldownSeconds"] = "60" });
        await server.WaitForReadyAsync();

        // When
        await server.MentionAsync(701, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Any());
        await server.MentionAsync(702, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Replies.Count() == 2);
        await server.MentionAsync(703, $"<@{FakeDiscordServer.BotUserId}> When did Lenin die?");
        await bot.WaitUntilIdleAsync(server);

        // Then
        var replies = server.Replies.ToList();
        Assert.Equal(2, replies.Count);
        var notice = replies[1].Json!;
        Assert.Contains("wait", (string?)notice["content"], StringComparison.Ordinal);
        Assert.Equal(4096, (int)notice["flags"]!);
        Assert.Empty(notice["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal(1, bot.Answers.Asked);
    }

    [Fact]
    public async Task SlashAsk_Question_AnsweredThroughTheInteractionCallback()
    {
        // Given
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        // When
        await server.SlashCommandAsync(801, "ask", "question", "When did Lenin die?");
        await FakeDiscordServer.WaitUntilAsync(() => server.Requests.Any(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)));
        await bot.WaitUntilIdleAsync(server);

        // Then
        var callback = Assert.Single(server.Requests, r => r.Path.EndsWith("/callback", StringComparison.Ordinal));
        Assert.Equal("/interactions/801/interaction-token-801/callback", callback.Path);
        Assert.Equal(4, (int)callback.Json!["type"]!);
        Assert.Contains("1924", callback.Body, StringComparison.Ordinal);
        Assert.Empty(callback.Json!["data"]!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.True(string.IsNullOrEmpty(callback.Authorization));
        Assert.Empty(server.Replies);
    }

    [Fact]
    public async Task SlashAsk_SlowAnswer_IsDeferredThenEdited()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server, new Dictionary<string, string?> { ["Discord:DeferAfterMilliseconds"] = "100" });
        await server.WaitForReadyAsync();

        await server.SlashCommandAsync(802, "ask", "question", "slow: when did Lenin die?");
        try
        {
            await FakeDiscordServer.WaitUntilAsync(() => server.Requests.Any(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)));
            bot.Answers.ReleaseSlowAnswers();
            await FakeDiscordServer.WaitUntilAsync(() => server.Requests.Any(r => r.Method == "PATCH"));
            await bot.WaitUntilIdleAsync(server);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(bot.Logs.All + string.Join(";", server.Requests.Select(r => r.Method + r.Path + r.Status)));
        }

        var callback = Assert.Single(server.Requests, r => r.Path.EndsWith("/callback", StringComparison.Ordinal));
        Assert.Equal(5, (int)callback.Json!["type"]!);
        var edit = Assert.Single(server.Requests, r => r.Method == "PATCH");
        Assert.Equal($"/webhooks/{FakeDiscordServer.ApplicationId}/interaction-token-802/messages/@original", edit.Path);
        Assert.Contains("1924", edit.Body, StringComparison.Ordinal);
        Assert.Empty(edit.Json!["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task SlashSearchAndAbout_Used_AnswerWithHitsAndCorpusCounts()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        await using var bot = BotHarness.Start(server);
        await server.WaitForReadyAsync();

        await server.SlashCommandAsync(803, "search", "query", "Lenin");
        await server.DispatchAsync("INTERACTION_CREATE", JsonNode.Parse(
            """{"id":"804","application_id":"2000","type":2,"token":"t804","channel_id":"500","user":{"id":"42"},"data":{"id":"78","name":"about","type":1}}""")!);
        await FakeDiscordServer.WaitUntilAsync(() => server.Requests.Count(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)) == 2);

        var search = server.Requests.Single(r => r.Path.StartsWith("/interactions/803", StringComparison.Ordinal));
        Assert.Contains("1 passage matched", search.Body, StringComparison.Ordinal);
        var about = server.Requests.Single(r => r.Path.StartsWith("/interactions/804", StringComparison.Ordinal));
        var aboutText = (string?)about.Json!["data"]!["embeds"]![0]!["description"];
        Assert.Contains("**3** documents, **12** sections and **40** passages", aboutText, StringComparison.Ordinal);
        Assert.Contains($"It last changed <t:{FakeAnswerService.LastChange.ToUnixTimeSeconds()}:f>.", aboutText, StringComparison.Ordinal);
        Assert.Contains("follow up in the same channel", aboutText, StringComparison.Ordinal);
    }
}
