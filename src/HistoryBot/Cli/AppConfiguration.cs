using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace HistoryBot.Cli;

/// <summary>
/// Standard .NET configuration for every command: appsettings.json (current folder, then beside the app), then
/// environment variables prefixed HISTORYBOT_ (with __ between sections), then command-line overrides.
/// </summary>
public static class AppConfiguration
{
    public const string EnvironmentPrefix = "HISTORYBOT_";

    public static IConfiguration Build(string[] commandLine) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(commandLine)
            .Build();

    /// <summary>Checks [Range]/[Required] on an options object; a bad value is a usage error naming the key.</summary>
    public static void Validate(object options, string section)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var first = results[0];
            var key = first.MemberNames.FirstOrDefault() is { } member ? $"{section}:{member}" : section;
            throw new UsageException($"configuration {key}: {first.ErrorMessage}");
        }
    }
}
