using System.CommandLine;
using HistoryBot.Cli.Output;
using HistoryBot.Core.Retrieval;

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

            // A keyword search reads no embeddings: unless --retrieval hybrid asks for them, none are computed (on a fresh
            // index that took 30 s, against 0.44 s lexical).
            var retrieval = engines.RetrievalOptions(parseResult);
            if (parseResult.GetValue(engines.Common.Retrieval) is null)
            {
                retrieval.Mode = RetrievalMode.Lexical;
            }

            using var engine = engines.Open(parseResult, loggers, retrieval, cancellationToken: cancellationToken);

            // On a worker, so that Ctrl-C ends the command at once even while Lucene is busy with a costly query.
            var text = parseResult.GetValue(query) ?? string.Empty;
            var result = await Task.Run(() => engine.Search(text, parseResult.GetValue(limit), cancellationToken), cancellationToken)
                .WaitAsync(cancellationToken);
            await io.Out.WriteAsync(parseResult.GetValue(json) ? AnswerJson.Serialize(result) + "\n" : new AnswerText(io.OutputIsTerminal).Format(result));
            await io.Out.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
