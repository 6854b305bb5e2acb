using HistoryBot.Discord.Client.Gateway;

namespace HistoryBot.Discord.Hosting;

/// <summary>The corpus folder behind <c>/corpus</c>, when the caller gave one (a container, as DI holds no nulls).</summary>
internal sealed record UploadsAccess(CorpusUploads? Uploads);

/// <summary>The swappable transport parts: how sockets and HTTP are made, and the reconnect timings. Tests replace it.</summary>
internal sealed record DiscordRuntime(WebSocketClientFactory Sockets, Func<HttpClient> HttpClientFactory, GatewayTimings Timings)
{
    /// <summary>When set, the bot reports what it has handled and what is in flight (tests wait on it).</summary>
    public BotActivity? Activity { get; init; }

    public static DiscordRuntime Default { get; } = new(
        ClientWebSocketClient.Factory,
        static () => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
        new GatewayTimings());
}
