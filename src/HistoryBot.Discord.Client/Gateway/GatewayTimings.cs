namespace HistoryBot.Discord.Client.Gateway;

/// <summary>Delays of the reconnect logic, and the jitter source; tests shorten them.</summary>
public sealed record GatewayTimings
{
    /// <summary>The first reconnect after a drop waits a random fraction of this.</summary>
    public TimeSpan FirstReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Later reconnects wait this, doubling per failure, up to <see cref="MaxReconnectDelay"/>, with ±25 % jitter.</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After op 9 with d=false the next IDENTIFY waits a random time in [min, max].</summary>
    public TimeSpan InvalidSessionMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InvalidSessionMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the server's close frame before dropping the socket.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The window in which at most max_concurrency IDENTIFYs may start.</summary>
    public TimeSpan IdentifyWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Uniform in [0, 1).</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    public TimeSpan ReconnectDelay(int failures)
    {
        if (failures <= 1)
        {
            return FirstReconnectDelay * Jitter();
        }

        var doubled = ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 2, 16));
        var capped = Math.Min(doubled, MaxReconnectDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.75 + (0.5 * Jitter())));
    }

    public TimeSpan InvalidSessionDelay() =>
        InvalidSessionMinDelay + ((InvalidSessionMaxDelay - InvalidSessionMinDelay) * Jitter());
}
