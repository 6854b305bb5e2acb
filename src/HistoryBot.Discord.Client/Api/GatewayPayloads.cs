using System.Text.Json;
using System.Text.Json.Serialization;

namespace HistoryBot.Discord.Client.Api;

/// <summary>Gateway opcodes this client sends or understands.</summary>
internal static class GatewayOpCode
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>A received gateway payload <c>{op, d, s, t}</c>; <see cref="Data"/> is a detached copy (null, bool, number or object).</summary>
internal sealed record GatewayFrame(int Op, JsonElement Data, long? Sequence, string? Type)
{
    /// <exception cref="JsonException">The text is not a gateway payload.</exception>
    public static GatewayFrame Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.Number)
        {
            throw new JsonException("A gateway payload needs a numeric 'op'.");
        }

        var data = root.TryGetProperty("d", out var d) ? d.Clone() : default;
        long? sequence = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
        var type = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new GatewayFrame(op.GetInt32(), data, sequence, type);
    }
}

/// <summary>A payload this client sends. <c>d</c> is always written, even when null (a first heartbeat).</summary>
internal sealed record OutgoingFrame<T>(
    [property: JsonPropertyName("op")] int Op,
    [property: JsonPropertyName("d"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] T D);

internal sealed record HelloData(int HeartbeatInterval);

internal sealed record IdentifyData(
    string Token,
    int Intents,
    IdentifyProperties Properties,
    IReadOnlyList<int>? Shard = null,
    int? LargeThreshold = null);

internal sealed record IdentifyProperties(string Os, string Browser, string Device);

internal sealed record ResumeData(
    string Token,
    string SessionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Seq);

public sealed record ReadyData(
    int V,
    DiscordUser User,
    string SessionId,
    string? ResumeGatewayUrl,
    IReadOnlyList<int>? Shard,
    ReadyApplication? Application);

public sealed record ReadyApplication(ulong Id);
