namespace HistoryBot.Discord;

/// <summary>How the bot ended: the process exit code and, when it failed, a one-line reason (never holding the token).</summary>
public sealed class DiscordBotStatus
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int ConfigurationError = 2;
    public const int RejectedByDiscord = 3;

    private readonly Lock _lock = new();

    public int ExitCode { get; private set; } = Ok;

    public string? Error { get; private set; }

    /// <summary>Records the first failure; later ones are consequences of it.</summary>
    public void Fail(int exitCode, string error)
    {
        lock (_lock)
        {
            if (Error is null)
            {
                ExitCode = exitCode;
                Error = error;
            }
        }
    }
}
