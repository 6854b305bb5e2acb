using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Tests.Support;

/// <summary>A REST call the fake received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Body, string? Authorization, string? UserAgent, int Status, DateTimeOffset At)
{
    public JsonNode? Json => Body.Length > 0 ? JsonNode.Parse(Body) : null;
}

/// <summary>A REST failure to answer instead of success, once, for the first request whose path contains <see cref="PathContains"/>.</summary>
internal sealed record ScriptedFailure(string Method, string PathContains, int Status, double RetryAfter = 0, bool Global = false);

/// <summary>
/// An in-process Discord: Kestrel on 127.0.0.1 with a free port, serving the gateway WebSocket (HELLO, READY,
/// RESUME with replay, heartbeat ACKs) and the REST routes the bot uses. Tests script it: inject dispatches, drop the
/// socket, send op 7 or op 9, stop ACKing, fail REST calls, close with a code. Everything is recorded.
/// </summary>
internal sealed partial class FakeDiscordServer : IAsyncDisposable
{
    public const ulong BotUserId = 1000;
    public const ulong ApplicationId = 2000;

    private readonly WebApplication _app;
    private readonly Lock _sessionLock = new();
    private readonly List<(long Sequence, string Type, JsonNode Data)> _events = [];
    private readonly ConcurrentQueue<ScriptedFailure> _failures = new();
    private readonly List<FakeGatewayConnection> _connections = [];
    private long _sequence;
    private long _nextId = 900_000;

    private FakeDiscordServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public string ApiBaseUrl => BaseUrl + "/api/v10";

    public int HeartbeatIntervalMs { get; set; } = 300;

    public bool AckHeartbeats { get; set; } = true;

    /// <summary>When set, the gateway closes with this code instead of answering IDENTIFY (e.g. 4004).</summary>
    public int? CloseOnIdentify { get; set; }

    public string? SessionId { get; private set; }

    public int Shards { get; set; } = 1;

    public int MaxConcurrency { get; set; } = 1;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IReadOnlyList<FakeGatewayConnection> Connections
    {
        get
        {
            lock (_connections)
            {
                return [.. _connections];
            }
        }
    }

    public FakeGatewayConnection? Current => Connections.LastOrDefault();

    public IEnumerable<RecordedRequest> Replies => Requests.Where(r => r.Method == "POST" && r.Path.Contains("/messages", StringComparison.Ordinal) && r.Status == 200);

    public static async Task<FakeDiscordServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var server = new FakeDiscordServer(app);
        app.UseWebSockets();
        app.Map("/gateway", server.AcceptGatewayAsync);
        app.Map("/resume", server.AcceptGatewayAsync);
        app.Map("/api/v10/{**path}", server.HandleRestAsync);
        app.Map("/attachments/{**path}", server.ServeAttachmentAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/');
        return server;
    }

    public void FailNext(ScriptedFailure failure) => _failures.Enqueue(failure);

    /// <summary>Sends an event to the current session; if no connection is live, it waits in the session for RESUME to replay.</summary>
    public Task DispatchAsync(string type, JsonNode data) =>
        Task.Run(() => DispatchCoreAsync(type, data)); // off the test's synchronisation context

    private async Task DispatchCoreAsync(string type, JsonNode data)
    {
        long sequence;
        lock (_sessionLock)
        {
            sequence = ++_sequence;
            _events.Add((sequence, type, data));
        }

        if (Current is { IsLive: true } live)
        {
            await live.SendDispatchAsync(sequence, type, data);
        }
    }

    public Task MentionAsync(ulong messageId, string content, ulong authorId = 42, bool authorIsBot = false, ulong channelId = 500, bool mention = true, ulong? guildId = 300) =>
        DispatchAsync("MESSAGE_CREATE", Message(messageId, content, authorId, authorIsBot, channelId, mention, guildId));

    /// <summary>The body of a MESSAGE_CREATE, as <see cref="MentionAsync"/> sends it.</summary>
    public static JsonObject Message(ulong messageId, string content, ulong authorId = 42, bool authorIsBot = false, ulong channelId = 500, bool mention = true, ulong? guildId = 300)
    {
        var message = new JsonObject
        {
            ["id"] = messageId.ToString(CultureInfo.InvariantCulture),
            ["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture),
            ["author"] = new JsonObject { ["id"] = authorId.ToString(CultureInfo.InvariantCulture), ["username"] = "someone", ["bot"] = authorIsBot },
            ["content"] = content,
            ["type"] = 0,
            ["tts"] = false,
            ["mention_everyone"] = false,
            ["mention_roles"] = new JsonArray(),
            ["mentions"] = mention
                ? new JsonArray(new JsonObject { ["id"] = BotUserId.ToString(CultureInfo.InvariantCulture), ["username"] = "HistoryBot", ["bot"] = true })
                : new JsonArray(),
            ["timestamp"] = "2024-01-01T00:00:00.000000+00:00",
        };
        if (guildId is { } guild)
        {
            message["guild_id"] = guild.ToString(CultureInfo.InvariantCulture);
        }

        return message;
    }

    public Task SlashCommandAsync(ulong interactionId, string name, string optionName, string value, ulong userId = 42, ulong channelId = 500) =>
        DispatchAsync("INTERACTION_CREATE", new JsonObject
        {
            ["id"] = interactionId.ToString(CultureInfo.InvariantCulture),
            ["application_id"] = ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["type"] = 2,
            ["token"] = $"interaction-token-{interactionId}",
            ["version"] = 1,
            ["guild_id"] = "300",
            ["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture),
            ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = userId.ToString(CultureInfo.InvariantCulture), ["username"] = "asker" } },
            ["data"] = new JsonObject
            {
                ["id"] = "77",
                ["name"] = name,
                ["type"] = 1,
                ["options"] = new JsonArray(new JsonObject { ["name"] = optionName, ["type"] = 3, ["value"] = value }),
            },
        });

    /// <summary>A click on a message component (INTERACTION_CREATE type 3), as Discord sends it for a button.</summary>
    public Task ClickAsync(ulong interactionId, string customId, ulong userId = 42, ulong channelId = 500, ulong? guildId = 300) =>
        DispatchAsync("INTERACTION_CREATE", Click(interactionId, customId, userId, channelId, guildId));

    /// <summary>The body of a button click's INTERACTION_CREATE: <c>member.user</c> in guilds, <c>user</c> in DMs.</summary>
    public static JsonObject Click(ulong interactionId, string customId, ulong userId = 42, ulong channelId = 500, ulong? guildId = 300)
    {
        var user = new JsonObject { ["id"] = userId.ToString(CultureInfo.InvariantCulture), ["username"] = "voter" };
        var click = new JsonObject
        {
            ["id"] = interactionId.ToString(CultureInfo.InvariantCulture),
            ["application_id"] = ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["type"] = 3,
            ["token"] = $"interaction-token-{interactionId}",
            ["version"] = 1,
            ["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture),
            ["message"] = new JsonObject { ["id"] = "123", ["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture) },
            ["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 },
        };
        if (guildId is { } guild)
        {
            click["guild_id"] = guild.ToString(CultureInfo.InvariantCulture);
            click["member"] = new JsonObject { ["user"] = user };
        }
        else
        {
            click["user"] = user;
        }

        return click;
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds. The timeout only bounds a failing test: a passing one returns as
    /// soon as the condition holds, so it is generous (a 2-core machine running builds beside the tests took over 8 s to
    /// deliver a reply that takes milliseconds idle).
    /// </summary>
    public static async Task WaitUntilAsync(Func<bool> condition, int timeoutMs = 30_000, string? because = null)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting: {because ?? "condition"}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The sequence number of the last dispatch sent in the current session.</summary>
    public long LastSequence
    {
        get
        {
            lock (_sessionLock)
            {
                return _sequence;
            }
        }
    }

    public Task WaitForReadyAsync(int connections = 1) =>
        WaitUntilAsync(() => Connections.Count >= connections && Connections[connections - 1].IsLive, timeoutMs: 60_000, because: $"connection {connections} live");

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections)
        {
            connection.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptGatewayAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        FakeGatewayConnection connection;
        lock (_connections)
        {
            connection = new FakeGatewayConnection(socket, _connections.Count + 1, context.Request.Path + context.Request.QueryString, context.Request.Headers.UserAgent.ToString());
            _connections.Add(connection);
        }

        await connection.SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs } });
        try
        {
            while (true)
            {
                var text = await connection.ReceiveAsync();
                if (text is null)
                {
                    return;
                }

                var frame = JsonNode.Parse(text)!;
                connection.Received.Enqueue(frame);
                switch ((int)frame["op"]!)
                {
                    case 1:
                        if (AckHeartbeats)
                        {
                            await connection.SendAsync(new JsonObject { ["op"] = 11 });
                        }

                        break;
                    case 2:
                        await OnIdentifyAsync(connection, frame["d"]!);
                        break;
                    case 6:
                        await OnResumeAsync(connection, frame["d"]!);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Dropped.
        }
        finally
        {
            connection.IsLive = false;
        }
    }

    private async Task OnIdentifyAsync(FakeGatewayConnection connection, JsonNode identify)
    {
        if (CloseOnIdentify is { } code)
        {
            await connection.CloseAsync(code, "scripted close");
            return;
        }

        JsonNode ready;
        lock (_sessionLock)
        {
            SessionId = Guid.NewGuid().ToString("N");
            _events.Clear();
            _sequence = 0;
            ready = new JsonObject
            {
                ["v"] = 10,
                ["user"] = new JsonObject { ["id"] = BotUserId.ToString(CultureInfo.InvariantCulture), ["username"] = "HistoryBot", ["bot"] = true },
                ["guilds"] = new JsonArray(new JsonObject { ["id"] = "300", ["unavailable"] = true }),
                ["session_id"] = SessionId,
                ["resume_gateway_url"] = BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/resume",
                ["shard"] = identify["shard"]?.DeepClone(),
                ["application"] = new JsonObject { ["id"] = ApplicationId.ToString(CultureInfo.InvariantCulture), ["flags"] = 0 },
                ["unknown_future_field"] = "ignored",
            };
        }

        connection.IsLive = true;
        await DispatchAsync("READY", ready);
    }

    private async Task OnResumeAsync(FakeGatewayConnection connection, JsonNode resume)
    {
        List<(long Sequence, string Type, JsonNode Data)> replay;
        lock (_sessionLock)
        {
            if (SessionId is null || (string?)resume["session_id"] != SessionId)
            {
                replay = [];
            }
            else
            {
                var seq = resume["seq"]?.GetValue<long>() ?? 0;
                replay = [.. _events.Where(e => e.Sequence > seq)];
            }
        }

        if (SessionId is null || (string?)resume["session_id"] != SessionId)
        {
            await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });
            return;
        }

        foreach (var (sequence, type, data) in replay)
        {
            await connection.SendDispatchAsync(sequence, type, data);
        }

        connection.IsLive = true;
        await DispatchAsync("RESUMED", new JsonObject());
    }

    private async Task HandleRestAsync(HttpContext context)
    {
        var request = context.Request;
        var path = "/" + (string?)context.Request.RouteValues["path"];
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var (status, response) = Respond(request.Method, path, body, context.Response);
        Requests.Enqueue(new RecordedRequest(
            request.Method, path, body, request.Headers.Authorization.ToString(), request.Headers.UserAgent.ToString(), status, DateTimeOffset.UtcNow));
        context.Response.StatusCode = status;
        if (response is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString());
        }
    }

    private (int Status, JsonNode? Body) Respond(string method, string path, string body, HttpResponse response)
    {
        if (_failures.TryPeek(out var failure) && failure.Method == method && path.Contains(failure.PathContains, StringComparison.Ordinal)
            && _failures.TryDequeue(out _))
        {
            if (failure.Status == 429)
            {
                response.Headers["Retry-After"] = Math.Ceiling(failure.RetryAfter).ToString(CultureInfo.InvariantCulture);
                response.Headers["X-RateLimit-Scope"] = failure.Global ? "global" : "user";
                if (failure.Global)
                {
                    response.Headers["X-RateLimit-Global"] = "true";
                }

                return (429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = failure.RetryAfter, ["global"] = failure.Global });
            }

            return (failure.Status, new JsonObject { ["message"] = "scripted failure", ["code"] = 0 });
        }

        if (body.Length > 0 && FakeComponentRules.Check(JsonNode.Parse(body)) is { } invalid)
        {
            return (400, new JsonObject { ["message"] = "Invalid Form Body", ["code"] = 50035, ["errors"] = invalid });
        }

        if (method == "GET" && path == "/gateway/bot")
        {
            return (200, new JsonObject
            {
                ["url"] = BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway",
                ["shards"] = Shards,
                ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14400000, ["max_concurrency"] = MaxConcurrency },
            });
        }

        if (method == "POST" && path.StartsWith("/channels/", StringComparison.Ordinal) && path.EndsWith("/messages", StringComparison.Ordinal))
        {
            response.Headers["X-RateLimit-Limit"] = "5";
            response.Headers["X-RateLimit-Remaining"] = "4";
            response.Headers["X-RateLimit-Reset-After"] = "0.1";
            response.Headers["X-RateLimit-Bucket"] = "messages-bucket";
            var message = JsonNode.Parse(body)!.AsObject();
            message["id"] = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
            return (200, message);
        }

        if (method == "PUT" && path.StartsWith("/applications/", StringComparison.Ordinal) && path.EndsWith("/commands", StringComparison.Ordinal))
        {
            return (200, JsonNode.Parse(body));
        }

        if (method == "POST" && path.StartsWith("/interactions/", StringComparison.Ordinal) && path.EndsWith("/callback", StringComparison.Ordinal))
        {
            return (204, null);
        }

        if (method == "PATCH" && path.StartsWith("/webhooks/", StringComparison.Ordinal) && path.EndsWith("/messages/@original", StringComparison.Ordinal))
        {
            return (200, JsonNode.Parse(body));
        }

        return (404, new JsonObject { ["message"] = "404: Not Found", ["code"] = 0 });
    }
}

/// <summary>One gateway connection as the fake sees it: what it received, how the client closed it.</summary>
internal sealed class FakeGatewayConnection(WebSocket socket, int index, string pathAndQuery, string userAgent)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public int Index => index;

    public string PathAndQuery => pathAndQuery;

    /// <summary>The User-Agent of the WebSocket upgrade request.</summary>
    public string UserAgent => userAgent;

    public ConcurrentQueue<JsonNode> Received { get; } = new();

    public ConcurrentQueue<string> Sent { get; } = new();

    public volatile bool IsLive;

    /// <summary>The close code the client sent, once it closed.</summary>
    public int? ClientCloseCode { get; private set; }

    public bool ClientClosed { get; private set; }

    public IEnumerable<JsonNode> ReceivedOp(int op) => Received.Where(f => (int)f["op"]! == op);

    public async Task SendAsync(JsonNode payload)
    {
        await _sendLock.WaitAsync();
        try
        {
            Sent.Enqueue(payload["op"]!.ToJsonString() + "/" + socket.State);
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(payload.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            // The client went away.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task SendDispatchAsync(long sequence, string type, JsonNode data) =>
        SendAsync(new JsonObject { ["op"] = 0, ["s"] = sequence, ["t"] = type, ["d"] = data.DeepClone() });

    public Task SendOpAsync(int op, JsonNode? data) => Task.Run(() => SendAsync(new JsonObject { ["op"] = op, ["d"] = data }));

    public Task CloseAsync(int code, string reason) => Task.Run(() => CloseCoreAsync(code, reason));

    private async Task CloseCoreAsync(int code, string reason)
    {
        IsLive = false;
        await _sendLock.WaitAsync();
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            // Already gone.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame.</summary>
    public void Abort()
    {
        IsLive = false;
        socket.Abort();
    }

    public async Task<string?> ReceiveAsync()
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                ClientClosed = true;
                ClientCloseCode = (int?)socket.CloseStatus;
                IsLive = false;
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await _sendLock.WaitAsync();
                    try
                    {
                        await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    }
                    finally
                    {
                        _sendLock.Release();
                    }
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }
}
