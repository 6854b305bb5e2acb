using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace HistoryBot.Cli;

/// <summary>
/// Turns what System.CommandLine found wrong with a command line into the one line the user sees: the option or
/// argument at fault and what it allows, never a list or a stack trace.
/// </summary>
internal static partial class CommandLineErrors
{
    /// <summary>The first problem with the command line, as one line without the "error: " prefix; null when none.</summary>
    public static string? Describe(ParseResult parseResult)
    {
        var command = CommandPath(parseResult.CommandResult);
        var hint = $" See '{command} --help'.";
        if (UnknownOption(parseResult) is { } unknown)
        {
            return $"unknown option '{unknown}' for '{command}' (put -- before text that starts with a dash).{hint}";
        }

        if (parseResult.Errors.Count == 0)
        {
            return null;
        }

        if (parseResult.CommandResult.Command is RootCommand root && parseResult.UnmatchedTokens.Count > 0)
        {
            var commands = string.Join(", ", root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            return $"unknown command '{parseResult.UnmatchedTokens[0]}'; the commands are {commands}.{hint}";
        }

        var error = parseResult.Errors[0];
        return error.SymbolResult switch
        {
            ArgumentResult { Parent: not OptionResult, Tokens.Count: 0 } missing => $"missing <{missing.Argument.Name}>.{hint}",
            OptionResult { Tokens.Count: 0, Implicit: false } bare => $"{bare.Option.Name} needs a value.{hint}",
            _ => Flatten(error.Message, SymbolName(error.SymbolResult)) + hint,
        };
    }

    /// <summary>
    /// A token that looks like an option but that no option of the command has: System.CommandLine would take
    /// `ask --foo "q"` as the question "--foo" and complain about "q". Text after `--` and configuration overrides
    /// (`--Discord:GuildId=1`) are not options.
    /// </summary>
    private static string? UnknownOption(ParseResult parseResult)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        for (SymbolResult? result = parseResult.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: var command })
            {
                known.UnionWith(command.Options.SelectMany(o => o.Aliases.Append(o.Name)));
            }
        }

        foreach (var token in parseResult.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                return null;
            }

            if (token.Type == TokenType.Argument && OptionLike().IsMatch(token.Value) && !known.Contains(token.Value.Split('=')[0]))
            {
                return token.Value.Split('=')[0];
            }
        }

        return null;
    }

    private static string Flatten(string message, string? symbol)
    {
        if (CannotParse().Match(message) is { Success: true } match)
        {
            var allowed = match.Groups["type"].Value switch
            {
                "System.Int32" or "System.Int64" => "a whole number",
                "System.Double" or "System.Single" or "System.Decimal" => "a number",
                "System.Boolean" => "true or false",
                var other => $"a value of type {other}",
            };
            return $"{match.Groups["symbol"].Value} must be {allowed}, not '{match.Groups["value"].Value}'.";
        }

        var flat = Whitespace().Replace(message, " ").Trim();
        if (symbol is not null && NotAmong().Match(flat) is { Success: true } among)
        {
            var allowed = string.Join(", ", among.Groups["allowed"].Captures.Select(c => c.Value));
            return $"{symbol} must be one of {allowed}, not '{among.Groups["value"].Value}'.";
        }

        return symbol is null || flat.Contains(symbol, StringComparison.Ordinal) ? flat : $"{symbol}: {flat}";
    }

    private static string? SymbolName(SymbolResult? result) => result switch
    {
        OptionResult option => option.Option.Name,
        ArgumentResult { Parent: OptionResult option } => option.Option.Name,
        ArgumentResult argument => $"<{argument.Argument.Name}>",
        _ => null,
    };

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult { Command: var command })
            {
                names.Add(command is RootCommand ? "historybot" : command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    [GeneratedRegex(@"^--?[A-Za-z][A-Za-z0-9-]*(=.*)?$", RegexOptions.Singleline)]
    private static partial Regex OptionLike();

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command) '(?<symbol>[^']*)' as expected type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    // "Argument 'x' not recognized. Must be one of:\n\t'a'\n\t'b'" (AcceptOnlyFromAmong), flattened to one line.
    [GeneratedRegex(@"^Argument '(?<value>.*)' not recognized\. Must be one of:( '(?<allowed>[^']*)')+$", RegexOptions.Singleline)]
    private static partial Regex NotAmong();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
