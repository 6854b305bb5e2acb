using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HistoryBot.Configuration;
using Microsoft.Extensions.Configuration;

namespace HistoryBot.Cli;

/// <summary>
/// The one configuration of every command: appsettings.json (beside the app, then the current folder), then
/// environment variables prefixed HISTORYBOT_ (with __ between sections), then command-line overrides
/// (<c>--Discord:GuildId=123</c>). Also binds and validates options classes, so that every bad value is a usage error
/// naming its key and what is allowed, before any work starts.
/// </summary>
public static partial class AppConfiguration
{
    public const string EnvironmentPrefix = "HISTORYBOT_";

    public const string SettingsFileName = "appsettings.json";

    /// <summary>Builds the configuration; a settings file that is not valid JSON is a usage error naming file and line.</summary>
    /// <param name="commandLine">Overrides such as <c>--Discord:GuildId=123</c>.</param>
    /// <param name="settingsDirectory">Folder whose appsettings.json is read after the app's own (default: the current folder).</param>
    public static IConfiguration Build(IReadOnlyList<string> commandLine, string? settingsDirectory = null)
    {
        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, SettingsFileName), optional: true, reloadOnChange: false)
                .AddJsonFile(Path.Combine(settingsDirectory ?? Directory.GetCurrentDirectory(), SettingsFileName), optional: true, reloadOnChange: false)
                .AddEnvironmentVariables(EnvironmentPrefix)
                .AddCommandLine([.. commandLine])
                .Build();
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(DescribeSettingsFileError(e));
        }
        catch (FormatException e)
        {
            // A malformed command-line override ("--Discord:GuildId" without a value is fine; "-x=1" is not).
            throw new UsageException($"configuration override: {e.Message}");
        }
    }

    /// <summary>
    /// Binds section <paramref name="section"/> onto <paramref name="options"/> with the one options binder
    /// (<see cref="OptionsBinder"/>, which the Discord bot's options go through too) and validates it; the first problem
    /// is a usage error naming its key and what is allowed.
    /// </summary>
    public static T Bind<T>(IConfiguration configuration, string section, T options)
        where T : class
    {
        ThrowFirst(OptionsBinder.Bind(configuration, section, options));
        return options;
    }

    /// <summary>Checks an options object (and the options objects it holds); a bad value is a usage error naming the key.</summary>
    public static void Validate(object options, string section) => ThrowFirst(OptionsBinder.Validate(options, section));

    /// <summary>The configuration binder's conversion error as a usage message naming the key; null for any other error.</summary>
    public static string? DescribeBinderError(Exception exception) =>
        OptionsBinder.DescribeBinderError(exception) is { } message ? $"configuration {message}" : null;

    private static void ThrowFirst(IReadOnlyList<OptionsProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new UsageException($"configuration {problems[0].Message}");
        }
    }

    private static string DescribeSettingsFileError(InvalidDataException e)
    {
        var file = FileNameInMessage().Match(e.Message) is { Success: true } m ? m.Groups["file"].Value : SettingsFileName;
        var json = FindInner<JsonException>(e);
        if (json is not null)
        {
            var detail = JsonPosition().Replace(json.Message, string.Empty).TrimEnd('.', ' ');
            var where = json.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1}")
                : string.Empty;
            return $"{file} is not valid JSON{where}: {detail}.";
        }

        var innermost = e.GetBaseException();
        return $"{file} could not be read: {innermost.Message}";
    }

    private static T? FindInner<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex JsonPosition();

    [GeneratedRegex("from file '(?<file>[^']*)'")]
    private static partial Regex FileNameInMessage();
}
