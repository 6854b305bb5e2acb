using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HistoryBot.Discord.Client.Api;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Client.Rest;

/// <summary>What the REST client needs: where Discord is, the token, and how persistent to be.</summary>
public sealed record DiscordRestOptions(string ApiBaseUrl, string Token, int MaxServerErrorRetries = 3, int MaxRateLimitRetries = 5)
{
    public TimeSpan ServerErrorBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public override string ToString() => $"DiscordRestOptions {{ ApiBaseUrl = {ApiBaseUrl} }}";
}

/// <summary>
/// The REST calls the bot makes, through per-route rate-limit buckets and the global limit: 429s wait
/// <c>retry_after</c>, 5xx are retried with backoff a bounded number of times, a 401 stops every further call.
/// </summary>
public sealed partial class DiscordRestClient(HttpClient http, DiscordRestOptions options, TimeProvider time, ILogger<DiscordRestClient> logger)
{
    /// <summary>
    /// Sent on every REST call and on the gateway's WebSocket upgrade. Discord asks for <c>DiscordBot ($url, $version)</c>;
    /// HistoryBot has no public URL, and naming one that does not exist would mislead whoever reads it, so the project's
    /// name stands where the URL would be (Discord checks the <c>DiscordBot</c> prefix, not the URL).
    /// </summary>
    public const string UserAgent = "DiscordBot (HistoryBot, 1.0)";

    private readonly RateLimiter _limiter = new(time);
    private readonly string _baseUrl = options.ApiBaseUrl.TrimEnd('/');
    private readonly TaskCompletionSource _tokenRejected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _unauthorized;

    /// <summary>
    /// Completes when Discord answers 401 to a bot-authenticated call (the token was revoked or is wrong). From then
    /// on no such call is made; a bot usually stops (HistoryBot exits with code 3).
    /// </summary>
    public Task TokenRejected => _tokenRejected.Task;

    public async Task<GatewayBotResponse> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var route = new RestRoute(HttpMethod.Get, "/gateway/bot", "", "/gateway/bot");
        using var response = await SendAsync(route, body: null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<GatewayBotResponse>(response, cancellationToken).ConfigureAwait(false)
            ?? throw new DiscordRestException(response.StatusCode, 0, "empty /gateway/bot response", route.Key);
    }

    public async Task CreateMessageAsync(ulong channelId, MessageCreateRequest message, CancellationToken cancellationToken)
    {
        var id = Id(channelId);
        var route = new RestRoute(HttpMethod.Post, "/channels/{channel_id}/messages", id, $"/channels/{id}/messages");
        using var response = await SendAsync(route, message, cancellationToken).ConfigureAwait(false);
    }

    public async Task BulkOverwriteCommandsAsync(ulong applicationId, ulong? guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken)
    {
        var app = Id(applicationId);
        var route = guildId is { } guild
            ? new RestRoute(HttpMethod.Put, "/applications/{application_id}/guilds/{guild_id}/commands", Id(guild), $"/applications/{app}/guilds/{Id(guild)}/commands")
            : new RestRoute(HttpMethod.Put, "/applications/{application_id}/commands", "", $"/applications/{app}/commands");
        using var response = await SendAsync(route, commands, cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse body, CancellationToken cancellationToken)
    {
        var route = new RestRoute(
            HttpMethod.Post,
            "/interactions/{interaction_id}/{interaction_token}/callback",
            Id(interactionId),
            $"/interactions/{Id(interactionId)}/{Uri.EscapeDataString(interactionToken)}/callback",
            UsesBotAuth: false,
            Global: false);
        using var response = await SendAsync(route, body, cancellationToken).ConfigureAwait(false);
    }

    public async Task EditOriginalResponseAsync(ulong applicationId, string interactionToken, WebhookMessageEdit body, CancellationToken cancellationToken)
    {
        var token = Uri.EscapeDataString(interactionToken);
        var route = new RestRoute(
            HttpMethod.Patch,
            "/webhooks/{application_id}/{interaction_token}/messages/@original",
            $"{Id(applicationId)}/{token}",
            $"/webhooks/{Id(applicationId)}/{token}/messages/@original",
            UsesBotAuth: false,
            Global: false);
        using var response = await SendAsync(route, body, cancellationToken).ConfigureAwait(false);
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> SendAsync(RestRoute route, object? body, CancellationToken cancellationToken)
    {
        var serverErrors = 0;
        var rateLimited = 0;
        var bucket = _limiter.GetBucket(route);
        while (true)
        {
            if (_unauthorized && route.UsesBotAuth)
            {
                throw new DiscordRestException(HttpStatusCode.Unauthorized, 0, "the token was rejected earlier; not calling Discord again", route.Key);
            }

            HttpResponseMessage response;
            var gate = bucket.Gate;
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await WaitForLimitsAsync(route, bucket, cancellationToken).ConfigureAwait(false);
                bucket.OnSending();
                LogSending(route.Key);
                using var request = CreateRequest(route, body);
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                bucket = _limiter.Update(route, bucket, RateLimitHeaders.Parse(response.Headers));
            }
            finally
            {
                gate.Release();
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.TooManyRequests when rateLimited++ < options.MaxRateLimitRetries:
                        OnRateLimited(route, bucket, response, error);
                        continue;
                    case >= HttpStatusCode.InternalServerError when serverErrors++ < options.MaxServerErrorRetries:
                        var backoff = options.ServerErrorBaseDelay * Math.Pow(2, serverErrors - 1);
                        LogServerError(route.Key, (int)response.StatusCode, backoff.TotalMilliseconds, serverErrors, options.MaxServerErrorRetries);
                        await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                        continue;
                    case HttpStatusCode.Unauthorized when route.UsesBotAuth:
                        _unauthorized = true;
                        _tokenRejected.TrySetResult();
                        break;
                    default:
                        break;
                }

                throw new DiscordRestException(response.StatusCode, error?.Code ?? 0, error?.Message ?? response.ReasonPhrase ?? "", route.Key);
            }
        }
    }

    private async Task WaitForLimitsAsync(RestRoute route, RateLimitBucket bucket, CancellationToken cancellationToken)
    {
        while (true)
        {
            var delay = route.Global ? _limiter.GlobalDelay : TimeSpan.Zero;
            var bucketDelay = bucket.DelayAt(time.GetUtcNow());
            if (bucketDelay > delay)
            {
                delay = bucketDelay;
            }

            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            LogWaiting(route.Key, delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnRateLimited(RestRoute route, RateLimitBucket bucket, HttpResponseMessage response, DiscordErrorBody? error)
    {
        var headers = RateLimitHeaders.Parse(response.Headers);
        var seconds = error?.RetryAfter ?? headers.RetryAfterSeconds ?? headers.ResetAfterSeconds ?? 1;
        var retryAfter = TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 3600));
        var global = (error?.Global ?? false) || headers.Global;
        LogRateLimited(route.Key, retryAfter.TotalMilliseconds, global, headers.Scope ?? (global ? "global" : "route"));
        if (global)
        {
            _limiter.PauseGlobally(retryAfter);
        }
        else
        {
            bucket.BlockUntil(time.GetUtcNow() + retryAfter);
        }
    }

    private HttpRequestMessage CreateRequest(RestRoute route, object? body)
    {
        var request = new HttpRequestMessage(route.Method, _baseUrl + route.Path);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (route.UsesBotAuth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Token);
        }

        if (body is not null)
        {
            var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), DiscordJson.Options));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Content = content;
        }

        return request;
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<T>(stream, DiscordJson.Options, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<DiscordErrorBody?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync<DiscordErrorBody>(response, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limited on {Route}: retrying in {RetryAfterMs:0} ms (global: {Global}, scope: {Scope})")]
    private partial void LogRateLimited(string route, double retryAfterMs, bool global, string scope);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sending {Route}")]
    private partial void LogSending(string route);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limit: waiting {DelayMs:0} ms before {Route}")]
    private partial void LogWaiting(string route, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Route} answered {Status}; retry {Attempt}/{MaxAttempts} in {DelayMs:0} ms")]
    private partial void LogServerError(string route, int status, double delayMs, int attempt, int maxAttempts);
}
