using System.CommandLine;
using System.CommandLine.Parsing;
using HistoryBot.Cli.Commands;
using HistoryBot.Cli.Output;
using HistoryBot.Core.Corpus;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Semantic;

namespace HistoryBot.Cli;

/// <summary>The `historybot` command line: builds the commands and turns errors into messages and exit codes.</summary>
public sealed class CliApp
{
    /// <summary>Name of the argument that takes configuration overrides (`discord --Discord:GuildId=123`).</summary>
    public const string SettingsArgument = "settings";

    private readonly ConsoleIO _io;
    private readonly RootCommand _root;
    private readonly EngineFactory _engines;
    private readonly string? _settingsDirectory;

    /// <param name="io">The console streams.</param>
    /// <param name="settingsDirectory">Folder whose appsettings.json is read (default: the current folder).</param>
    /// <param name="embedder">An embedding model shared between runs, owned by the caller (tests); by default each run loads its own.</param>
    public CliApp(ConsoleIO io, string? settingsDirectory = null, ITextEmbedder? embedder = null)
    {
        _io = io;
        _settingsDirectory = settingsDirectory;
        var common = new CommonOptions();
        var engines = _engines = new EngineFactory(io, common, embedder);
        _root = new RootCommand(
            "HistoryBot answers questions about a corpus of texts by quoting it verbatim, naming the source.\n" +
            "Try: historybot chat");
        foreach (var option in common.All)
        {
            _root.Options.Add(option);
        }

        _root.Subcommands.Add(new ChatCommand(io, engines).Build());
        _root.Subcommands.Add(new AskCommand(io, engines).Build());
        _root.Subcommands.Add(new SearchCommand(io, engines).Build());
        _root.Subcommands.Add(new IndexCommand(io, engines).Build());
        _root.Subcommands.Add(new EvalCommand(io, engines).Build());
        _root.Subcommands.Add(new BenchCommand(io, engines).Build());
        _root.Subcommands.Add(new DiscordCommand(io, engines).Build());
        _root.Subcommands.Add(new LogCommand(io, engines).Build());
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var parseResult = _root.Parse(args);
        if (parseResult.CommandResult.Command == _root && parseResult.UnmatchedTokens.Count == 0
            && !args.Any(a => a is "-h" or "--help" or "-?" or "--version"))
        {
            // No command: show help rather than an error.
            parseResult = _root.Parse(["--help"]);
        }

        if (CommandLineErrors.Describe(parseResult) is { } problem)
        {
            return Fail(problem);
        }

        try
        {
            if (parseResult.Action is { } action && action == parseResult.CommandResult.Command.Action)
            {
                // A command (not --help) runs: every setting is bound and checked before any work starts, so that a
                // bad value is one line naming its key, not a failure halfway through.
                _engines.Configuration = AppConfiguration.Build(ConfigurationOverrides(parseResult), _settingsDirectory);
                _engines.IndexOptions(parseResult);
                _engines.RetrievalOptions(parseResult);
            }

            var configuration = new InvocationConfiguration
            {
                Output = _io.Out,
                Error = _io.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (UsageException e)
        {
            return Fail(e.Message);
        }
        catch (CorpusNotFoundException e)
        {
            return Fail(e.Message);
        }
        catch (QuerySyntaxException e)
        {
            return Fail(e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _io.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
        catch (InvalidOperationException e) when (AppConfiguration.DescribeBinderError(e) is { } message)
        {
            return Fail(message);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return Fail($"{e.Message}");
        }
        catch (Exception e)
        {
            await _io.Error.WriteLineAsync($"error: internal error ({e.GetType().Name}): {TerminalText.Escape(e.Message)}");
            return ExitCodes.InternalError;
        }
        finally
        {
            // The command's engines are disposed by now; the model they shared goes with them.
            _engines.Dispose();
        }
    }

    private static IReadOnlyList<string> ConfigurationOverrides(ParseResult parseResult) =>
        [.. parseResult.CommandResult.Children.OfType<ArgumentResult>()
            .Where(r => r.Argument.Name == SettingsArgument)
            .SelectMany(r => r.Tokens.Select(t => t.Value))];

    private int Fail(string message)
    {
        // Messages carry paths and values the user gave: no control character reaches the terminal.
        _io.Error.WriteLine($"error: {TerminalText.Escape(message)}");
        _io.Error.Flush();
        return ExitCodes.UsageError;
    }
}
