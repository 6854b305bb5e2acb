using System.CommandLine;
using HistoryBot.Discord;

namespace HistoryBot.Cli.Commands;

/// <summary>
/// `historybot discord`: runs the Discord bot until Ctrl-C or SIGTERM. The token and every other Discord setting come
/// from configuration (appsettings.json, HISTORYBOT_ environment variables, or --Discord:Key=value on the command line).
/// </summary>
public sealed class DiscordCommand(ConsoleIO io, EngineFactory engines)
{
    public Command Build()
    {
        var command = new Command(
            "discord",
            "Run the Discord bot (token from Discord:Token / HISTORYBOT_Discord__Token). Extra settings: --Discord:GuildId=123 ...")
        {
            // Configuration overrides such as --Discord:GuildId=123 are passed on to the configuration, not parsed here.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = AppConfiguration.Build([.. parseResult.UnmatchedTokens]);

            // Settings first: a missing token is a one-line error before any index or model is loaded.
            var options = DiscordOptions.FromConfiguration(configuration, out var parseErrors);
            var problems = parseErrors.Concat(options.Validate()).ToList();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await io.Error.WriteLineAsync(problem);
                }

                return ExitCodes.UsageError;
            }

            using var loggers = engines.CreateLoggerFactory(parseResult);
            using var engine = engines.Open(parseResult, loggers, cancellationToken: cancellationToken);
            return await DiscordBotRunner.RunAsync(engine, configuration, loggers: null, io.Error, cancellationToken);
        });
        return command;
    }
}
