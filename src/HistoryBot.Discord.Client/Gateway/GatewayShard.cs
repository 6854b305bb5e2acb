using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Client.Gateway;

/// <summary>
/// One gateway shard: connects, heartbeats, IDENTIFYs or RESUMEs, hands dispatches to the handler and reconnects
/// until stopped (close 1000) or a fatal close code (<see cref="GatewayFatalException"/>). This type holds the
/// reconnect policy; one connection's protocol is <see cref="GatewayConnectionLoop"/>.
/// </summary>
public sealed class GatewayShard
{
    private readonly GatewayShardOptions _options;
    private readonly WebSocketClientFactory _sockets;
    private readonly GatewayTimings _timings;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewayShard> _logger;
    private readonly GatewaySession _session = new();
    private readonly GatewayConnectionLoop _loop;

    public GatewayShard(
        GatewayShardOptions options,
        WebSocketClientFactory sockets,
        IdentifyGate identifyGate,
        IGatewayDispatchHandler handler,
        GatewayTimings timings,
        TimeProvider time,
        ILogger<GatewayShard> logger)
    {
        _options = options;
        _sockets = sockets;
        _timings = timings;
        _time = time;
        _logger = logger;
        _loop = new GatewayConnectionLoop(options, _session, identifyGate, handler, timings, time, logger);
    }

    public int ShardId => _options.ShardId;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (then closes with 1000).</summary>
    /// <exception cref="GatewayFatalException">Discord closed with a code that retrying cannot fix.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var delay = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var outcome = await _loop.RunAsync(_sockets(), cancellationToken).ConfigureAwait(false);
            failures = outcome.Established ? 1 : failures + 1;
            delay = _timings.ReconnectDelay(failures);
            switch (outcome.End)
            {
                case ConnectionEnd.Stopped:
                    return;
                case ConnectionEnd.Fatal:
                    throw new GatewayFatalException(outcome.CloseCode ?? 0);
                case ConnectionEnd.Reidentify:
                    _session.Forget();
                    break;
                case ConnectionEnd.InvalidSession:
                    _session.Forget();
                    delay = _timings.InvalidSessionDelay();
                    break;
                case ConnectionEnd.Resume:
                    break;
            }

            GatewayLog.Reconnecting(_logger, _options.ShardId, _session.CanResume ? "resume" : "identify", delay.TotalMilliseconds);
        }
    }
}
