using System.CommandLine;
using HistoryBot.Discord;
using HistoryBot.QuestionLog;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Cli.Commands;

/// <summary>
/// `historybot discord`: runs the Discord bot until Ctrl-C or SIGTERM. The token and every other Discord setting come
/// from configuration (appsettings.json, HISTORYBOT_ environment variables, or --Discord:Key=value on the command line).
/// </summary>
public sealed class DiscordCommand(ConsoleIO io, EngineFactory engines)
{
    private const string WarmUpQuestion = "Who is the corpus about?";

    public Command Build()
    {
        // Configuration overrides such as --Discord:GuildId=123 go to the configuration the app builds, not parsed here.
        var settings = new Argument<string[]>(CliApp.SettingsArgument)
        {
            Description = "Configuration overrides as --Section:Key=value, e.g. --Discord:GuildId=123 (see the README's configuration keys).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command(
            "discord",
            "Run the Discord bot (token from Discord:Token / HISTORYBOT_Discord__Token). Extra settings: --Discord:GuildId=123 ...")
        {
            settings,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = engines.Configuration;

            // Settings first: a missing token is a one-line error before any index or model is loaded.
            var options = DiscordOptionsLoader.Load(configuration, out var problems);
            if (options is null)
            {
                foreach (var problem in problems)
                {
                    await io.Error.WriteLineAsync(problem);
                }

                return ExitCodes.UsageError;
            }

            // Log:Enabled is on by default for discord: answers and their 👍/👎 votes go to the question log.
            var logOptions = AppConfiguration.Bind(configuration, QuestionLogOptions.SectionName, new QuestionLogOptions());

            using var loggers = engines.CreateLoggerFactory(parseResult);
            var index = engines.IndexOptions(parseResult);
            using var engine = engines.OpenLive(parseResult, loggers, cancellationToken);

            // Warm the engine (loads the embedding model in hybrid mode, about 3 s) before going online, so the first
            // question on Discord is answered as fast as the rest.
            _ = engine.Ask(WarmUpQuestion, cancellationToken);

            await using var log = logOptions.Enabled
                ? new SqliteQuestionLog(logOptions, loggers.CreateLogger<SqliteQuestionLog>())
                : (IQuestionLog)NullQuestionLog.Instance;
            var logging = new HistoryBot.Discord.QuestionLogging(log, engine.Mode.ToString().ToLowerInvariant());

            // /corpus stores uploads under the corpus folder the engine watches; who added what goes to the question log.
            var uploads = new CorpusUploads(
                index.CorpusDirectory, index.Readers, logOptions.Enabled ? new SqliteUploadLog(logOptions) : NullUploadLog.Instance);
            return await DiscordBotRunner.RunAsync(engine, options, logging, uploads, configuration, loggers: null, io.Error, cancellationToken);
        });
        return command;
    }
}
