using HistoryBot.Configuration;
using Microsoft.Extensions.Configuration;

namespace HistoryBot.Discord;

/// <summary>
/// Binds <see cref="DiscordOptions"/> from the <c>Discord</c> section with the one options binder every section goes
/// through (<see cref="OptionsBinder"/>: lists as <c>:0, :1</c> keys or comma-separated, text trimmed, every problem one
/// line naming its key), and validates the result once.
/// </summary>
public static class DiscordOptionsLoader
{
    /// <summary>Bound and validated options, or null with one line per problem (each naming its key, never the token).</summary>
    public static DiscordOptions? Load(IConfiguration configuration, out IReadOnlyList<string> problems)
    {
        var options = new DiscordOptions();
        problems = [.. OptionsBinder.Bind(configuration, DiscordOptions.SectionName, options).Select(p => p.Message)];
        return problems.Count == 0 ? options : null;
    }

    /// <summary>Binds without validating (<see cref="DiscordOptions.Validate"/> does that); values that don't convert are reported.</summary>
    public static DiscordOptions Bind(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        var options = new DiscordOptions();
        errors = [.. OptionsBinder.BindValues(configuration, DiscordOptions.SectionName, options).Select(p => p.Message)];
        return options;
    }
}
