using HistoryBot.Cli;
using HistoryBot.Cli.Output;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>Names and text from the corpus never reach the terminal as control sequences.</summary>
public sealed class OutputSafetyTests : IDisposable
{
    private readonly TempCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    [Theory]
    [InlineData("evil\u001b[31m.txt", "evil\\x1B[31m.txt")]
    [InlineData("bell\u0007.txt", "bell\\x07.txt")]
    [InlineData("line\nbreak", "line\\x0Abreak")]
    [InlineData("right\u202eto-left", "right\\u202Eto-left")]
    [InlineData("plain name.txt", "plain name.txt")]
    public void Escape_ControlCharacters_BecomeVisibleEscapes(string name, string expected)
    {
        Assert.Equal(expected, TerminalText.Escape(name));
    }

    [Fact]
    public void SearchAndIndex_FileNameWithEscapeBytes_PrintedEscaped()
    {
        // Given a corpus file whose name holds an escape sequence
        _corpus.Write("red\u001b[31m.txt", "Red Title\n\nThe quick brown fox jumps over the lazy dog near the river bank.\n");
        var args = new[] { "--corpus", _corpus.CorpusDirectory, "--index", _corpus.IndexDirectory, "--retrieval", "lexical" };

        // When
        var index = Run(["index", .. args]);
        var search = Run(["search", "fox", .. args]);

        // Then
        Assert.Equal(ExitCodes.Success, search.ExitCode);
        Assert.Contains("red\\x1B[31m.txt", search.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', search.Out + search.Error + index.Out + index.Error);
    }

    private static CliRunner.Result Run(string[] args)
    {
        using var runner = new CliRunner();
        return runner.Run(args);
    }
}
