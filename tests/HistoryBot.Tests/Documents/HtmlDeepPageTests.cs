using System.Text;
using HistoryBot.Core.Corpus;
using HistoryBot.Documents;

namespace HistoryBot.Tests.Documents;

/// <summary>
/// Generated monster pages (issue 21, audit 3): a million unclosed &lt;div&gt;s took over 6.5 minutes and ignored Ctrl-C.
/// The time limits below are hang guards, many times what the reader needs, not speed targets.
/// </summary>
public sealed class HtmlDeepPageTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>A million &lt;div&gt;s, none closed, with a sentence every 100,000 levels.</summary>
    private static byte[] MillionUnclosedDivs()
    {
        var html = new StringBuilder("<html><head><title>Deep</title></head><body>");
        for (var i = 0; i < 1_000_000; i++)
        {
            html.Append("<div>");
            if (i % 100_000 == 0)
            {
                html.Append(FormattableString.Invariant($"The garrison of fort number {i} rebelled in March."));
            }
        }

        return Encoding.UTF8.GetBytes(html.ToString());
    }

    private static T WithinHangGuard<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.True(task.Wait(HangGuard), $"still running after {HangGuard.TotalSeconds} s");
        return task.Result;
    }

    [Fact]
    public void Read_MillionUnclosedNestedDivs_FinishesKeepingEveryParagraph()
    {
        var html = MillionUnclosedDivs();

        var result = WithinHangGuard(() => new HtmlDocumentReader().Read("deep.html", html, CancellationToken.None));

        var document = Assert.IsType<CorpusDocument>(result.Document);
        Assert.Contains("nest deeper than 256 levels", result.Note, StringComparison.Ordinal);
        var paragraphs = document.Blocks.Where(b => b.Kind == BlockKind.Paragraph).Select(b => b.Text).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => FormattableString.Invariant($"The garrison of fort number {i * 100_000} rebelled in March.")), paragraphs);
    }

    [Fact]
    public void Read_Cancelled_StopsWithoutParsingTheWholePage()
    {
        var html = MillionUnclosedDivs();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var outcome = WithinHangGuard(() =>
        {
            try
            {
                return new HtmlDocumentReader().Read("deep.html", html, cancellation.Token).SkipReason ?? "read";
            }
            catch (OperationCanceledException)
            {
                return "cancelled";
            }
        });

        Assert.Equal("cancelled", outcome);
    }
}
