using System.CommandLine;
using System.Globalization;

namespace HistoryBot.Cli;

/// <summary>Parsers for option values that say what is allowed when a value is wrong, instead of throwing.</summary>
public static class OptionRules
{
    /// <summary>
    /// Accepts a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>; anything else is a parse
    /// error naming the option and the range ("--limit must be a whole number from 1 to 1000, not 'abc'").
    /// </summary>
    public static Option<int> WholeNumber(this Option<int> option, int minimum, int maximum)
    {
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return option.DefaultValueFactory is { } factory ? factory(result) : minimum;
            }

            var text = result.Tokens[^1].Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                && value >= minimum && value <= maximum)
            {
                return value;
            }

            result.AddError(string.Create(
                CultureInfo.InvariantCulture, $"{option.Name} must be a whole number from {minimum} to {maximum}, not '{text}'."));
            return minimum;
        };
        return option;
    }
}
