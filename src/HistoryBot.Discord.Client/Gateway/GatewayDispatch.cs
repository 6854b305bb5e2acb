using System.Text.Json;

namespace HistoryBot.Discord.Client.Gateway;

/// <summary>An op 0 event as the gateway delivered it: name, body and sequence.</summary>
public readonly record struct GatewayDispatch(int ShardId, string Type, JsonElement Data, long? Sequence);

/// <summary>Receives dispatches on the gateway read loop; must return quickly (start work on its own task).</summary>
public interface IGatewayDispatchHandler
{
    void OnDispatch(GatewayDispatch dispatch);
}

/// <summary>What one shard connects with.</summary>
/// <param name="ClientName">Sent as the browser and device of IDENTIFY's connection properties.</param>
public sealed record GatewayShardOptions(string Token, string GatewayUrl, int ShardId, int ShardCount, GatewayIntents Intents, string ClientName = "historybot")
{
    public override string ToString() => $"shard {ShardId}/{ShardCount}";
}

/// <summary>The gateway closed with a code that retrying cannot fix; the message says what to change.</summary>
public sealed class GatewayFatalException(int closeCode) : Exception(GatewayCloseCodes.Describe(closeCode))
{
    public int CloseCode { get; } = closeCode;
}
