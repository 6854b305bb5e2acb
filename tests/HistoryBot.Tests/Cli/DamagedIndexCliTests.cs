using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>Issue 21: a byte flipped in an index data file after a clean build is no "internal error".</summary>
public sealed class DamagedIndexCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Ask_StoredFieldsFlippedAfterACleanBuild_AnswersWithOneWarning()
    {
        Assert.Equal(0, _cli.Run("index", "--retrieval", "lexical").ExitCode);
        var file = IndexFiles.Scramble(_cli.IndexFolder);

        var result = _cli.Run("ask", "--retrieval", "lexical", "When did Lenin die?");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1924", result.Out, StringComparison.Ordinal);
        var warning = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(file, warning, StringComparison.Ordinal);
    }
}
