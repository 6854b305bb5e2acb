using System.Text.Json;
using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

public sealed class DeclineReasonCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void AskJson_EachKindOfDecline_NamesItsReason()
    {
        var result = _cli.RunWithInput(
            "hi\nthanks!\nQui a succédé à Lénine ?\nWie ist Trotzki gestorben?\nHow do I reset my router?\nWhat is it?\nWhen did Lenin die?\n",
            "ask", "--json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(
            ["smalltalk", "smalltalk", "language", "language", "not-found", "empty"],
            lines.Take(6).Select(l => l.GetProperty("reason").GetString()));
        Assert.All(lines.Take(6), l => Assert.Equal(JsonValueKind.Null, l.GetProperty("answer").ValueKind));
        Assert.Equal("French", lines[2].GetProperty("language").GetString());
        Assert.True(lines[6].GetProperty("answered").GetBoolean());
        Assert.False(lines[6].TryGetProperty("reason", out _));
    }

    [Fact]
    public void Ask_Greeting_RepliesWithTheCorpusAndHowToAskNotAQuote()
    {
        var result = _cli.Run("ask", "hello");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("Hello!", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 document", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("“Many", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("lenin-and-trotsky.txt", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_French_SaysOnlyEnglishIsUnderstood()
    {
        var result = _cli.Run("ask", "Qui a succédé à Lénine ?");

        Assert.Contains("I only understand questions in English, and this looks like French.", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Closest sections", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_CorpusOption_ListsEveryDocumentFormat()
    {
        var result = _cli.Run("ask", "--help");

        foreach (var format in new[] { ".txt", ".md", ".html", ".pdf", ".docx", ".epub" })
        {
            Assert.Contains(format, result.Out, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Folder of .txt/.md documents", result.Out, StringComparison.Ordinal);
    }
}
