using HistoryBot.Discord.Client.Api;
using HistoryBot.Discord.Client.Rest;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot;

/// <summary>Registers the slash commands once, on the first READY: in one guild when configured, otherwise globally.</summary>
internal sealed class CommandRegistrar(DiscordRestClient rest, ulong? guildId, ILogger logger)
{
    private int _registered;

    /// <summary>True the first time only: the caller then runs <see cref="RegisterAsync"/>.</summary>
    public bool TryStart() => Interlocked.Exchange(ref _registered, 1) == 0;

    public async Task RegisterAsync(ulong applicationId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken)
    {
        if (applicationId == 0)
        {
            BotLog.NoApplication(logger);
            return;
        }

        try
        {
            await rest.BulkOverwriteCommandsAsync(applicationId, guildId, commands, cancellationToken).ConfigureAwait(false);
            BotLog.CommandsRegistered(logger, commands.Count, guildId is { } guild ? $"guild {guild}" : "globally");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is DiscordRestException or HttpRequestException or OperationCanceledException)
        {
            BotLog.CommandsFailed(logger, ex);
        }
    }
}
