using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>A question longer than Retrieval:MaxQuestionLength is answered from its start, and the user is told so.</summary>
public sealed class LongQuestionNoticeTests : IDisposable
{
    private readonly CliRunner _cli = new();

    private static string LongQuestion() => "When did Lenin die? " + string.Join(' ', Enumerable.Repeat("really", 1000));

    [Fact]
    public void Ask_QuestionOverTheLimit_AnswersAndPrintsOneNotice()
    {
        var result = _cli.Run("ask", "--retrieval", "lexical", LongQuestion());

        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.Error.Split('\n'), l => l.Contains("too long", StringComparison.Ordinal));
    }

    [Fact]
    public void Ask_ShortQuestion_PrintsNoNotice()
    {
        var result = _cli.Run("ask", "--retrieval", "lexical", "When did Lenin die?");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("too long", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_QuestionOverTheLimit_PrintsTheNotice()
    {
        var result = _cli.RunWithInput(LongQuestion() + "\n", "chat", "--retrieval", "lexical");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("too long", result.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
