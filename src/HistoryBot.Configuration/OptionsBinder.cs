using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace HistoryBot.Configuration;

/// <summary>
/// The one binder of every options class (Retrieval, Index, Log, Discord): binds a configuration section onto an options
/// object with the configuration binder, after checking that each value converts to its property's type, so that a bad
/// value is reported with its key and what is allowed instead of the binder's exception. Lists may be given as children
/// (<c>Discord:ChannelIds:0</c>) or as one comma-separated value (<c>Discord:ChannelIds=1,2</c>), which the binder alone
/// does not split. Then numbers must be finite, and [Range]/[Required] and <see cref="IValidatableObject"/> must hold.
/// Options classes held by properties (Index:Chunking) are bound and checked the same way.
/// </summary>
public static partial class OptionsBinder
{
    /// <summary>
    /// Binds <paramref name="section"/> onto <paramref name="options"/> and validates it; every problem, one per key, each
    /// naming its key (never a value of a key named Token). Keys of the section that belong to other options classes are
    /// left alone; when a value does not convert, nothing is bound.
    /// </summary>
    public static IReadOnlyList<OptionsProblem> Bind<T>(IConfiguration configuration, string section, T options)
        where T : class
    {
        var problems = BindValues(configuration, section, options);
        return problems.Count > 0 ? problems : Validate(options, section);
    }

    /// <summary>
    /// Binds without validating: the values that don't convert, one per key (then nothing is bound and every property
    /// keeps its default).
    /// </summary>
    public static IReadOnlyList<OptionsProblem> BindValues<T>(IConfiguration configuration, string section, T options)
        where T : class
    {
        var values = configuration.GetSection(section);
        var problems = new List<OptionsProblem>();
        var assignments = new List<(object Target, PropertyInfo Property, object? Value)>();
        CheckConvertible(values, options, section, problems, assignments);
        if (problems.Count == 0)
        {
            try
            {
                values.Bind(options);
            }
            catch (InvalidOperationException e) when (DescribeBinderError(e) is { } message)
            {
                return [new(section, message)];
            }

            // What the binder does not do: split comma-separated lists, trim text, and read an empty text as unset.
            foreach (var (target, property, value) in assignments)
            {
                property.SetValue(target, value);
            }
        }

        return problems;
    }

    /// <summary>Checks an options object (and the options objects it holds); one problem per key, each naming the key.</summary>
    public static IReadOnlyList<OptionsProblem> Validate(object options, string section)
    {
        var problems = new List<OptionsProblem>();
        foreach (var property in Properties(options.GetType()))
        {
            var value = property.GetValue(options);
            if (value is double and (double.NaN or double.PositiveInfinity or double.NegativeInfinity)
                || value is float and (float.NaN or float.PositiveInfinity or float.NegativeInfinity))
            {
                // A range worded for people says what is allowed better than "finite" does.
                var key = $"{section}:{property.Name}";
                var message = property.GetCustomAttribute<RangeAttribute>() is { ErrorMessage: not null } range
                    ? range.FormatErrorMessage(property.Name)
                    : $"must be a finite number, not {Convert.ToString(value, CultureInfo.InvariantCulture)}.";
                problems.Add(Problem(key, message));
            }
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var key = result.MemberNames.FirstOrDefault() is { } member ? $"{section}:{member}" : section;
            if (!problems.Any(p => p.Key == key))
            {
                problems.Add(Problem(key, result.ErrorMessage ?? "is not valid."));
            }
        }

        foreach (var property in Properties(options.GetType()))
        {
            if (IsOptionsClass(property.PropertyType) && property.GetValue(options) is { } nested)
            {
                problems.AddRange(Validate(nested, $"{section}:{property.Name}"));
            }
        }

        return problems;
    }

    /// <summary>What a value of <paramref name="type"/> may be, for a message: "a number", "one of Hybrid, Lexical".</summary>
    public static string Describe(Type type)
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

    private static OptionsProblem Problem(string key, string message) =>
        new(key, message.Contains(key, StringComparison.Ordinal) ? message : $"{key}: {message}");

    private static void CheckConvertible(
        IConfigurationSection values, object options, string path, List<OptionsProblem> problems, List<(object, PropertyInfo, object?)> assignments)
    {
        foreach (var property in Properties(options.GetType()))
        {
            var child = values.GetSection(property.Name);
            var key = $"{path}:{property.Name}";
            if (IsOptionsClass(property.PropertyType))
            {
                if (property.GetValue(options) is { } nested)
                {
                    CheckConvertible(child, nested, key, problems, assignments);
                }

                continue;
            }

            if (!property.CanWrite)
            {
                continue;
            }

            if (ListElement(property.PropertyType) is { } element)
            {
                if (ReadList(child, element, key, Allowed(property, element), problems) is { } items)
                {
                    assignments.Add((options, property, items));
                }

                continue;
            }

            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (child.Value is not { } value)
            {
                continue;
            }

            if (target == typeof(string))
            {
                var text = value.Trim();
                var unset = text.Length == 0 && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;
                assignments.Add((options, property, unset ? null : text));
                continue;
            }

            if (value.Trim().Length == 0 && Nullable.GetUnderlyingType(property.PropertyType) is not null)
            {
                assignments.Add((options, property, null));
                continue;
            }

            if (!TryConvert(value, target, out _))
            {
                problems.Add(new(key, $"{key}: '{Shown(key, value)}' is not {Allowed(property, target)}."));
            }
        }
    }

    /// <summary>The items of a list key (children, or one value split at commas), or null when the key is not set.</summary>
    private static Array? ReadList(IConfigurationSection child, Type element, string key, string allowed, List<OptionsProblem> problems)
    {
        var children = child.GetChildren().ToList();
        IEnumerable<string> texts = children.Count > 0
            ? children.Select(c => c.Value).OfType<string>().Where(v => v.Trim().Length > 0)
            : child.Value is { } value
                ? value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
        if (children.Count == 0 && child.Value is null)
        {
            return null;
        }

        var items = new List<object?>();
        foreach (var text in texts)
        {
            if (!TryConvert(text, element, out var item))
            {
                problems.Add(new(key, $"{key}: '{Shown(key, text)}' is not {allowed}; a list is comma-separated or given as {key}:0, {key}:1, ..."));
                return null;
            }

            items.Add(item);
        }

        var array = Array.CreateInstance(element, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(items[i], i);
        }

        return array;
    }

    private static bool TryConvert(string value, Type target, out object? converted)
    {
        converted = null;
        var converter = TypeDescriptor.GetConverter(target);
        if (!converter.CanConvertFrom(typeof(string)))
        {
            // Not something a configuration value can hold; the binder decides.
            return true;
        }

        try
        {
            converted = converter.ConvertFromInvariantString(value.Trim());
            if (converted is null && target.IsValueType)
            {
                return false;
            }

            // Enum conversion also accepts numbers ("7"), which name no value at all.
            return !target.IsEnum || Enum.GetNames(target).Any(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>A property's own wording of what is allowed (<see cref="DescriptionAttribute"/>), else the type's.</summary>
    private static string Allowed(PropertyInfo property, Type type) =>
        property.GetCustomAttribute<DescriptionAttribute>()?.Description is { Length: > 0 } own ? own : Describe(type);

    /// <summary>The value as typed, except under a key that holds a secret.</summary>
    private static string Shown(string key, string value) =>
        key.EndsWith("Token", StringComparison.OrdinalIgnoreCase) || key.EndsWith("Password", StringComparison.OrdinalIgnoreCase) ? "(hidden)" : value;

    /// <summary>The item type of a list of plain values that an array can be assigned to; null for anything else.</summary>
    private static Type? ListElement(Type type)
    {
        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                && (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>)
                    || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>))
                ? type.GetGenericArguments()[0]
                : null;
        return element is not null && TypeDescriptor.GetConverter(element).CanConvertFrom(typeof(string)) ? element : null;
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
        && type.Namespace?.StartsWith("HistoryBot", StringComparison.Ordinal) == true;

    /// <summary>
    /// The configuration binder's "Failed to convert configuration value 'abc' at 'Retrieval:MinimumConfidence' to type
    /// 'System.Double'" as a message naming the key and what is allowed; null for any other error.
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
        var key = match.Groups["key"].Value;
        var allowed = type is null ? $"a value of type {match.Groups["type"].Value}" : Describe(type);
        return $"{key}: '{Shown(key, match.Groups["value"].Value)}' is not {allowed}.";
    }

    [GeneratedRegex("Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex BinderConversionError();
}
