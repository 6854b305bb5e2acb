using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace HistoryBot.Discord;

/// <summary>
/// Binds <see cref="DiscordOptions"/> from the <c>Discord</c> section with the configuration binder, one key at a time
/// so a value that does not convert is reported with its key, and validates the result once.
/// </summary>
public static class DiscordOptionsLoader
{
    /// <summary>Bound and validated options, or null with one line per problem (each naming its key, never the token).</summary>
    public static DiscordOptions? Load(IConfiguration configuration, out IReadOnlyList<string> problems)
    {
        var options = Bind(configuration, out var bindErrors);
        problems = [.. bindErrors.Concat(options.Validate())];
        return problems.Count == 0 ? options : null;
    }

    /// <summary>Binds without validating (values that don't convert are reported and keep their defaults).</summary>
    public static DiscordOptions Bind(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        var section = configuration.GetSection(DiscordOptions.SectionName);
        var options = new DiscordOptions();
        var problems = new List<string>();
        foreach (var property in typeof(DiscordOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var child = section.GetSection(property.Name);
            var hasChildren = child.GetChildren().Any();
            if (string.IsNullOrWhiteSpace(child.Value) && !hasChildren)
            {
                continue;
            }

            try
            {
                // The README documents lists both as children (Discord:ChannelIds:0) and as one comma-separated value,
                // which the binder does not split: a comma-separated value is turned into children first.
                var source = hasChildren || !IsList(property.PropertyType) ? child : SplitList(child.Value!);
                var value = source.Get(property.PropertyType, o => o.ErrorOnUnknownConfiguration = false);

                // The binder skips list items that don't convert instead of failing.
                if (value is System.Collections.ICollection list && list.Count != source.GetChildren().Count(c => !string.IsNullOrWhiteSpace(c.Value)))
                {
                    throw new InvalidOperationException($"An item of {child.Path} does not convert.");
                }

                property.SetValue(options, value is string text ? text.Trim() : value);
            }
            catch (InvalidOperationException)
            {
                problems.Add($"{child.Path} has an invalid value: it must be {Describe(property.PropertyType)}.");
            }
        }

        errors = problems;
        return options;
    }

    private static bool IsList(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>);

    private static IConfigurationSection SplitList(string value)
    {
        var items = value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var indexed = items.Select((item, i) => KeyValuePair.Create($"list:{i}", (string?)item));
        return new ConfigurationBuilder().AddInMemoryCollection(indexed).Build().GetSection("list");
    }

    private static string Describe(Type type)
    {
        if (IsList(type))
        {
            return type.GetGenericArguments()[0] == typeof(ulong)
                ? "a list of Discord ids (whole numbers), comma-separated or as :0, :1, ... keys"
                : "a list of whole numbers, comma-separated or as :0, :1, ... keys";
        }

        var element = Nullable.GetUnderlyingType(type) ?? type;
        return element == typeof(bool) ? "true or false"
            : element == typeof(double) ? "a number (e.g. 2.5)"
            : element == typeof(ulong) ? "a Discord id (a whole number)"
            : "a whole number";
    }
}
