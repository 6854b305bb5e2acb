using System.CommandLine;
using HistoryBot.Cli.Output;

namespace HistoryBot.Cli.Commands;

/// <summary>`historybot search "QUERY" [--limit N] [--json]`: keyword search in Lucene query syntax.</summary>
public sealed class SearchCommand(ConsoleIO io, EngineFactory engines)
{
    public Command Build()
    {
        var query = new Argument<string>("query")
        {
            Description = "Lucene query syntax: words, \"phrases\", AND/OR/NOT, prefix*, fuzzy~, section:word, title:word.",
        };
        var limit = new Option<int>("--limit", "-n") { Description = "How many hits to show (1 to 1000).", DefaultValueFactory = _ => 10 }
            .WholeNumber(1, 1000);
        var json = new Option<bool>("--json") { Description = "Print the hits as one JSON object." };
        var command = new Command("search", "Keyword search over the corpus, with highlighted snippets.") { query, limit, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var loggers = engines.CreateLoggerFactory(parseResult);
            using var engine = engines.Open(parseResult, loggers, cancellationToken: cancellationToken);
            var result = engine.Search(parseResult.GetValue(query) ?? string.Empty, parseResult.GetValue(limit), cancellationToken);
            await io.Out.WriteAsync(parseResult.GetValue(json) ? AnswerJson.Serialize(result) + "\n" : new AnswerText(io.OutputIsTerminal).Format(result));
            await io.Out.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
