using System.Text.Json;
using HistoryBot.Discord.Client.Api;

namespace HistoryBot.Discord.Tests.Api;

/// <summary>Payloads against the examples in Discord's documentation.</summary>
public sealed class PayloadSerializationTests
{
    [Fact]
    public void Parse_HelloExample_ReadsOpAndInterval()
    {
        var frame = GatewayFrame.Parse("""{"op":10,"d":{"heartbeat_interval":45000}}""");

        Assert.Equal(GatewayOpCode.Hello, frame.Op);
        Assert.Null(frame.Sequence);
        Assert.Equal(45000, DiscordJson.Deserialize<HelloData>(frame.Data)!.HeartbeatInterval);
    }

    [Theory]
    [InlineData("""{"op":9,"d":false}""", JsonValueKind.False)]
    [InlineData("""{"op":11}""", JsonValueKind.Undefined)]
    [InlineData("""{"op":1,"d":251}""", JsonValueKind.Number)]
    [InlineData("""{"op":7,"d":null,"s":null,"t":null}""", JsonValueKind.Null)]
    public void Parse_DataOfAnyShape_IsKept(string json, JsonValueKind kind) =>
        Assert.Equal(kind, GatewayFrame.Parse(json).Data.ValueKind);

    [Fact]
    public void Deserialize_MessageCreateExample_ReadsSnowflakesAndIgnoresUnknownFields()
    {
        var frame = GatewayFrame.Parse("""
            {"op":0,"s":42,"t":"MESSAGE_CREATE","d":{"id":"334385199974967042","channel_id":"290926798999357250",
             "guild_id":"290926798999357250","author":{"id":"53908099506183680","username":"Mason","bot":false},
             "content":"<@!80351110224678912> hi","mentions":[{"id":"80351110224678912","username":"Nelly"}],
             "type":0,"tts":false,"nonce":"1","some_future_field":{"x":1}}}
            """);

        var message = DiscordJson.Deserialize<DiscordMessage>(frame.Data)!;

        Assert.Equal(42, frame.Sequence);
        Assert.Equal("MESSAGE_CREATE", frame.Type);
        Assert.Equal(334385199974967042UL, message.Id);
        Assert.Equal(53908099506183680UL, message.Author.Id);
        Assert.Equal(80351110224678912UL, Assert.Single(message.Mentions!).Id);
    }

    [Fact]
    public void Deserialize_InteractionExample_ReadsInvokerAndOptions()
    {
        var interaction = JsonSerializer.Deserialize<DiscordInteraction>("""
            {"type":2,"token":"A_UNIQUE_TOKEN","member":{"user":{"id":"53908232506183680","username":"Mason"},"roles":[]},
             "id":"786008729715212338","guild_id":"290926798626357999","application_id":"775799577604964352",
             "data":{"options":[{"type":3,"name":"cardname","value":"The Gitrog Monster"}],"type":1,"name":"cardsearch","id":"771825006014889984"},
             "channel_id":"645027906669510667","locale":"en-US","app_permissions":"442368"}
            """, DiscordJson.Options)!;

        Assert.Equal(786008729715212338UL, interaction.Id);
        Assert.Equal(53908232506183680UL, interaction.Invoker!.Id);
        Assert.Equal("The Gitrog Monster", interaction.Data!.Options![0].Value!.Value.GetString());
    }

    [Fact]
    public void Serialize_FirstHeartbeat_WritesNullData()
    {
        var json = System.Text.Encoding.UTF8.GetString(DiscordJson.SerializeToUtf8(new OutgoingFrame<long?>(GatewayOpCode.Heartbeat, null)));

        Assert.Equal("""{"op":1,"d":null}""", json);
    }

    [Fact]
    public void Serialize_Reply_UsesSnakeCaseStringSnowflakesAndEmptyParse()
    {
        var request = new MessageCreateRequest(null, [new Embed(Description: "x")], AllowedMentions.None, new MessageReference(1234567890123456789));

        var json = JsonSerializer.Serialize(request, DiscordJson.Options);

        Assert.Equal(
            """{"embeds":[{"description":"x"}],"allowed_mentions":{"parse":[],"replied_user":false},"message_reference":{"message_id":"1234567890123456789","fail_if_not_exists":false}}""",
            json);
    }

    [Fact]
    public void Serialize_Identify_MatchesTheDocumentedShape()
    {
        var identify = new IdentifyData("tok", 4609, new IdentifyProperties("linux", "historybot", "historybot"), [0, 1]);

        var json = JsonSerializer.Serialize(new OutgoingFrame<IdentifyData>(2, identify), DiscordJson.Options);

        Assert.Equal("""{"op":2,"d":{"token":"tok","intents":4609,"properties":{"os":"linux","browser":"historybot","device":"historybot"},"shard":[0,1]}}""", json);
    }
}
