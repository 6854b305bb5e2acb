using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>`historybot search`: a keyword search needs no embeddings, and a query too costly to run is refused at once.</summary>
public sealed class SearchCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Search_OnAFreshIndex_EmbedsNothing()
    {
        // When
        var result = _cli.Run("search", "lenin");

        // Then: hits, and no sentence vectors computed for them
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Lenin", result.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_cli.IndexFolder, "vectors", SearchOption.AllDirectories));
    }

    [Fact]
    public void Search_WordWithManyWildcards_IsAOneLineErrorSayingTooComplex()
    {
        // Given a*b*c*... of 100 characters (it took 15 s before it was bounded)
        var query = string.Concat(Enumerable.Range(0, 50).Select(i => $"{(char)('a' + (i % 26))}*"));

        // When
        var result = _cli.Run("search", query);

        // Then
        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("too complex", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Search_WordWithAFewWildcards_StillMatches()
    {
        var result = _cli.Run("search", "l*n*n");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Lenin", result.Out, StringComparison.Ordinal);
    }
}
