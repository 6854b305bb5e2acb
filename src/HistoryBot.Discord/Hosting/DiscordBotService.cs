using HistoryBot.Core;
using HistoryBot.Discord.Bot;
using HistoryBot.Discord.Client.Gateway;
using HistoryBot.Discord.Client.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Hosting;

/// <summary>
/// The hosted bot: asks <c>/gateway/bot</c> for the URL and shard layout (unless configured), runs this process's
/// shards until the host stops, and on a fatal error records it in <see cref="DiscordBotStatus"/> and stops the host.
/// </summary>
internal sealed partial class DiscordBotService(
    IAnswerService answers,
    DiscordOptions options,
    QuestionLogging logging,
    DiscordRuntime runtime,
    DiscordBotStatus status,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers,
    TimeProvider time,
    UploadsAccess uploads) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<DiscordBotService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var http = runtime.HttpClientFactory();
        var rest = new DiscordRestClient(
            http,
            new DiscordRestOptions(options.ApiBaseUrl, options.Token, options.MaxServerErrorRetries, options.MaxRateLimitRetries),
            time,
            loggers.CreateLogger<DiscordRestClient>());
        DiscordBot? bot = null;
        try
        {
            var (url, shardCount, maxConcurrency) = await ResolveGatewayAsync(rest, stoppingToken).ConfigureAwait(false);
            IReadOnlyList<int> shardIds = options.ShardIds.Count > 0 ? options.ShardIds : [.. Enumerable.Range(0, shardCount)];
            bot = new DiscordBot(answers, rest, options, logging, time, loggers.CreateLogger<DiscordBot>(), stoppingToken, uploads.Uploads, http, runtime.Activity);
            var gate = new IdentifyGate(maxConcurrency, runtime.Timings.IdentifyWindow, time);
            LogStarting(string.Join(',', shardIds), shardCount, maxConcurrency, (int)options.Intents);
            using var stopShards = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var running = shardIds
                .Select(id => new GatewayShard(
                    new GatewayShardOptions(options.Token, url, id, shardCount, options.Intents),
                    runtime.Sockets,
                    gate,
                    bot,
                    runtime.Timings,
                    time,
                    loggers.CreateLogger<GatewayShard>()).RunAsync(stopShards.Token))
                .ToList();
            var tokenRejected = rest.TokenRejected;
            while (running.Count > 0)
            {
                var finished = await Task.WhenAny(running.Append(tokenRejected)).ConfigureAwait(false);
                if (finished == tokenRejected)
                {
                    // A token revoked while running: the bot could no longer reply, so it stops as a bad token does at start.
                    Fail(new DiscordRestException(System.Net.HttpStatusCode.Unauthorized, 0, "token rejected", "REST"));
                    await stopShards.CancelAsync().ConfigureAwait(false);
                    tokenRejected = new TaskCompletionSource().Task;
                    continue;
                }

                running.Remove(finished);
                if (finished.Exception?.InnerException is { } error)
                {
                    Fail(error);
                    await stopShards.CancelAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        finally
        {
            if (bot is not null)
            {
                await bot.DrainAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
        }

        if (status.Error is not null)
        {
            lifetime.StopApplication();
        }
        else
        {
            LogStopped();
        }
    }

    private void Fail(Exception error)
    {
        var (code, message) = error switch
        {
            GatewayFatalException fatal => (DiscordBotStatus.RejectedByDiscord, fatal.Message),
            DiscordRestException { Status: System.Net.HttpStatusCode.Unauthorized } =>
                (DiscordBotStatus.RejectedByDiscord, $"Discord rejected the bot token (HTTP 401): check {DiscordOptions.TokenKey} (environment variable {DiscordOptions.TokenEnvironmentVariable})."),
            _ => (DiscordBotStatus.Failed, $"The Discord bot stopped: {error.Message}"),
        };
        LogFatal(error, message);
        status.Fail(code, message);
    }

    private async Task<(string Url, int ShardCount, int MaxConcurrency)> ResolveGatewayAsync(DiscordRestClient rest, CancellationToken cancellationToken)
    {
        if (options.GatewayUrl is { } configured && options.ShardCount is { } count)
        {
            return (configured, count, 1);
        }

        var failures = 0;
        while (true)
        {
            try
            {
                var gateway = await rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
                if (gateway.SessionStartLimit is { Remaining: <= 0, ResetAfter: > 0 } limit)
                {
                    LogSessionLimit(limit.Total, limit.ResetAfter);
                    await Task.Delay(TimeSpan.FromMilliseconds(limit.ResetAfter), time, cancellationToken).ConfigureAwait(false);
                }

                return (options.GatewayUrl ?? gateway.Url, options.ShardCount ?? Math.Max(1, gateway.Shards), gateway.SessionStartLimit?.MaxConcurrency ?? 1);
            }
            catch (Exception ex) when (ex is HttpRequestException or DiscordRestException { Status: >= System.Net.HttpStatusCode.InternalServerError }
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var delay = runtime.Timings.ReconnectDelay(++failures + 1);
                LogGatewayLookupFailed(ex, ex.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting Discord shards [{ShardIds}] of {ShardCount} (max_concurrency {MaxConcurrency}, intents {Intents})")]
    private partial void LogStarting(string shardIds, int shardCount, int maxConcurrency, int intents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disconnected from Discord")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private partial void LogFatal(Exception exception, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session start limit reached ({Total} per day): waiting {ResetAfterMs} ms before identifying")]
    private partial void LogSessionLimit(int total, long resetAfterMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET /gateway/bot failed ({Reason}); retrying in {DelayMs:0} ms")]
    private partial void LogGatewayLookupFailed(Exception exception, string reason, double delayMs);
}
