using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace HistoryBot.Core;

/// <summary>Checks the data annotations cannot express: every number finite (NaN passes some range checks), ordered pairs.</summary>
internal static class OptionsValidation
{
    /// <summary>A result for each <see cref="double"/> (or nullable double) property of <paramref name="options"/> that is NaN or infinite.</summary>
    public static IEnumerable<ValidationResult> NonFinite(object options)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if ((property.PropertyType == typeof(double) || property.PropertyType == typeof(double?)) && property.GetValue(options) is double value && !double.IsFinite(value))
            {
                yield return new ValidationResult($"must be a finite number, not {value}.", [property.Name]);
            }
        }
    }
}
