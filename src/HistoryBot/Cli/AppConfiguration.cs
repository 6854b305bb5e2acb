using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
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
    /// Binds section <paramref name="section"/> onto <paramref name="options"/> and validates it: each value must convert
    /// to its property's type, numbers must be finite, then [Range]/[Required] and <see cref="IValidatableObject"/>.
    /// Keys of the section that belong to other options classes are left alone.
    /// </summary>
    public static T Bind<T>(IConfiguration configuration, string section, T options)
        where T : class
    {
        var values = configuration.GetSection(section);
        CheckConvertible(values, options.GetType(), section);
        try
        {
            values.Bind(options);
        }
        catch (InvalidOperationException e) when (DescribeBinderError(e) is { } message)
        {
            throw new UsageException(message);
        }

        Validate(options, section);
        return options;
    }

    /// <summary>Checks an options object (and the options objects it holds); a bad value is a usage error naming the key.</summary>
    public static void Validate(object options, string section)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(options);
            if (value is double and (double.NaN or double.PositiveInfinity or double.NegativeInfinity)
                || value is float and (float.NaN or float.PositiveInfinity or float.NegativeInfinity))
            {
                throw new UsageException($"configuration {section}:{property.Name}: must be a finite number, not {Convert.ToString(value, CultureInfo.InvariantCulture)}.");
            }
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var first = results[0];
            var key = first.MemberNames.FirstOrDefault() is { } member ? $"{section}:{member}" : section;
            throw new UsageException($"configuration {key}: {first.ErrorMessage}");
        }

        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (IsOptionsClass(property.PropertyType) && property.GetIndexParameters().Length == 0
                && property.GetValue(options) is { } nested)
            {
                Validate(nested, $"{section}:{property.Name}");
            }
        }
    }

    /// <summary>
    /// The configuration binder's "Failed to convert configuration value 'abc' at 'Retrieval:MinimumConfidence' to type
    /// 'System.Double'" as a usage message naming the key and what is allowed; null for any other error.
    /// </summary>
    public static string? DescribeBinderError(Exception exception)
    {
        var match = BinderConversionError().Match(exception.Message);
        if (!match.Success)
        {
            return null;
        }

        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(match.Groups["type"].Value, throwOnError: false))
            .FirstOrDefault(t => t is not null);
        var allowed = type is null ? $"a value of type {match.Groups["type"].Value}" : Describe(type);
        return $"configuration {match.Groups["key"].Value}: '{match.Groups["value"].Value}' is not {allowed}.";
    }

    private static void CheckConvertible(IConfigurationSection values, Type type, string path)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var child = values.GetSection(property.Name);
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var key = $"{path}:{property.Name}";
            if (IsOptionsClass(target))
            {
                CheckConvertible(child, target, key);
                continue;
            }

            if (child.Value is not { } value || target == typeof(string) || !property.CanWrite)
            {
                continue;
            }

            var converter = TypeDescriptor.GetConverter(target);
            if (!converter.CanConvertFrom(typeof(string)))
            {
                continue;
            }

            if (value.Length == 0 && Nullable.GetUnderlyingType(property.PropertyType) is not null)
            {
                continue;
            }

            try
            {
                if (converter.ConvertFromInvariantString(value) is null && target.IsValueType)
                {
                    throw new FormatException();
                }

                if (target.IsEnum && !Enum.GetNames(target).Any(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)))
                {
                    // Enum conversion also accepts numbers ("7"), which name no mode at all.
                    throw new FormatException();
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
            {
                throw new UsageException($"configuration {key}: '{value}' is not {Describe(target)}.");
            }
        }
    }

    /// <summary>What a value of <paramref name="type"/> may be, for a message: "a number", "one of Hybrid, Lexical".</summary>
    internal static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type));
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "true or false",
            TypeCode.Double or TypeCode.Single or TypeCode.Decimal => "a number",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 => "a whole number",
            TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 => "a whole number of 0 or more",
            _ when type == typeof(TimeSpan) => "a time span such as 00:00:30",
            _ => $"a valid {type.Name}",
        };
    }

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
        && type.Namespace?.StartsWith("HistoryBot", StringComparison.Ordinal) == true;

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

    [GeneratedRegex("Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex BinderConversionError();

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex JsonPosition();

    [GeneratedRegex("from file '(?<file>[^']*)'")]
    private static partial Regex FileNameInMessage();
}
