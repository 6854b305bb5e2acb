using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>The console sees every Discord server's uploads and says whose each one is.</summary>
public sealed class UploadedDocumentsInTheConsoleTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void AskAndSearch_AnUploadedDocument_NameTheServerItBelongsTo()
    {
        // Given a corpus with one Discord server's upload
        var corpus = _cli.Temp.Combine("corpus");
        Directory.CreateDirectory(Path.Combine(corpus, "uploads", "4242"));
        File.WriteAllText(Path.Combine(corpus, "shared.md"), "# Shared\n\nLenin died in January 1924.\n");
        File.WriteAllText(Path.Combine(corpus, "uploads", "4242", "club.md"), "# Chess club\n\nThe Riverside chess club meets every Thursday in the old library.\n");

        // When the console asks and searches
        var asked = _cli.Run("ask", "--retrieval", "lexical", "--corpus", corpus, "Where does the Riverside chess club meet?");
        var searched = _cli.Run("search", "--retrieval", "lexical", "--corpus", corpus, "chess");

        // Then it answers from the upload and says which server's it is
        Assert.Equal(ExitCodes.Success, asked.ExitCode);
        Assert.Contains("uploads/4242/club.md", asked.Out, StringComparison.Ordinal);
        Assert.Contains("(uploaded in Discord server 4242)", asked.Out, StringComparison.Ordinal);
        Assert.Contains("(uploaded in Discord server 4242)", searched.Out, StringComparison.Ordinal);
    }
}
