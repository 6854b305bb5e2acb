using System.CommandLine;
using HistoryBot.Cli.Commands;
using HistoryBot.Core.Corpus;
using HistoryBot.Core.Retrieval;

namespace HistoryBot.Cli;

/// <summary>The `historybot` command line: builds the commands and turns errors into messages and exit codes.</summary>
public sealed class CliApp
{
    private readonly ConsoleIO _io;
    private readonly RootCommand _root;

    public CliApp(ConsoleIO io)
    {
        _io = io;
        var common = new CommonOptions();
        var engines = new EngineFactory(io, common);
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

        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await _io.Error.WriteLineAsync($"error: {error.Message}");
            }

            await _io.Error.WriteLineAsync("Run 'historybot --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
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
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return Fail($"{e.Message}");
        }
        catch (Exception e)
        {
            await _io.Error.WriteLineAsync($"error: internal error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    private int Fail(string message)
    {
        _io.Error.WriteLine($"error: {message}");
        _io.Error.Flush();
        return ExitCodes.UsageError;
    }
}
