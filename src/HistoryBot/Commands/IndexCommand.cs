using System.CommandLine;
using System.Globalization;
using HistoryBot.Cli.Output;
using HistoryBot.Core.Indexing;

namespace HistoryBot.Cli.Commands;

/// <summary>`historybot index`: (re)builds the index and says what it holds.</summary>
public sealed class IndexCommand(ConsoleIO io, EngineFactory engines)
{
    public Command Build()
    {
        var update = new Option<bool>("--update")
        {
            Description = "Only re-index files that changed, instead of rebuilding from scratch.",
        };
        var verify = new Option<bool>("--verify")
        {
            Description = "Check the checksums of the index (and of the sentence vectors), rebuilding whatever is corrupt.",
        };
        var command = new Command("index", "Build the search index of the corpus and print what it indexed.") { update, verify };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var loggers = engines.CreateLoggerFactory(parseResult);
            var indexOptions = engines.IndexOptions(parseResult);
            indexOptions.VerifyIntegrity = parseResult.GetValue(verify);
            using var engine = engines.Open(
                indexOptions,
                loggers,
                engines.RetrievalOptions(parseResult),
                forceRebuild: !parseResult.GetValue(update) && !indexOptions.VerifyIntegrity,
                cancellationToken: cancellationToken);
            var report = engine.IndexReport;
            var stats = report.Stats;
            var options = engines.IndexOptions(parseResult);
            await io.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{report.Kind} the index of {TerminalText.Escape(Path.GetFullPath(options.CorpusDirectory))}\n" +
                $"  documents: {stats.Documents:N0}\n  sections:  {stats.Sections:N0}\n  passages:  {stats.Passages:N0}\n" +
                $"  sentences: {stats.Sentences:N0}\n  files indexed: {report.FilesIndexed:N0}, removed: {report.FilesRemoved:N0}\n" +
                $"  time: {report.Elapsed.TotalSeconds:0.00} s\n  index: {TerminalText.Escape(Path.GetFullPath(options.IndexDirectory))}"));
            if (report.Integrity != IndexIntegrity.NotChecked)
            {
                await io.Out.WriteLineAsync(report.Integrity == IndexIntegrity.Repaired
                    ? "  integrity: the index was corrupt and has been rebuilt"
                    : "  integrity: every checksum matched");
            }

            foreach (var skipped in report.Skipped)
            {
                await io.Out.WriteLineAsync($"  skipped {TerminalText.Escape(skipped.Id)}: {TerminalText.Escape(skipped.Reason)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
