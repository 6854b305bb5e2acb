using Microsoft.Extensions.Configuration;

namespace HistoryBot.Discord;

/// <summary>The standard configuration for the bot: appsettings.json, then HISTORYBOT_ environment variables, then the command line.</summary>
public static class DiscordConfiguration
{
    public const string EnvironmentPrefix = "HISTORYBOT_";

    /// <summary>
    /// Builds configuration from <c>appsettings.json</c> in <paramref name="basePath"/> (default: the current directory;
    /// optional), environment variables prefixed <c>HISTORYBOT_</c> with <c>__</c> as separator
    /// (<c>HISTORYBOT_Discord__Token</c>), and <paramref name="args"/> (<c>--Discord:GuildId=123</c>), later sources winning.
    /// </summary>
    public static IConfigurationRoot Build(string[] args, string? basePath = null) =>
        new ConfigurationBuilder()
            .SetBasePath(basePath ?? Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(args)
            .Build();
}
