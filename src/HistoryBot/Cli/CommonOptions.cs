using System.CommandLine;

namespace HistoryBot.Cli;

/// <summary>Options every command takes.</summary>
public sealed class CommonOptions
{
    public Option<string?> Corpus { get; } = new("--corpus")
    {
        Description = "Folder of .txt/.md documents (default: ./corpus when it exists, else the corpus shipped with HistoryBot).",
        Recursive = true,
    };

    public Option<string?> Index { get; } = new("--index")
    {
        Description = "Folder of the search index (default: .historybot/index under the current folder).",
        Recursive = true,
    };

    public Option<string?> Retrieval { get; } = CreateRetrieval();

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show progress and diagnostic messages.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Corpus, Index, Retrieval, Verbose];

    private static Option<string?> CreateRetrieval()
    {
        var option = new Option<string?>("--retrieval")
        {
            Description = "hybrid (keywords + sentence embeddings) or lexical (keywords only: less memory, no model). " +
                "Default: Retrieval:Mode from configuration, else hybrid; bench: lexical.",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong("lexical", "hybrid");
        return option;
    }
}
