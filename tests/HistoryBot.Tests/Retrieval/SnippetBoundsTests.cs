using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;

namespace HistoryBot.Tests.Retrieval;

public sealed class SnippetBoundsTests
{
    private const string Passage = "Trotsky had made many enemies. His most notable enemy was Stalin. Stalin outmaneuvered him in the end.";

    [Fact]
    public void Tidy_FragmentStartingWithThePreviousSentencesFullStop_StartsAtTheWord()
    {
        var at = Passage.IndexOf(". His", StringComparison.Ordinal);
        var fragment = Fragment(at, Passage.Length - at, "Stalin");

        var tidy = SnippetBounds.Tidy(Passage, fragment);

        Assert.Equal("His most notable enemy was Stalin. Stalin outmaneuvered him in the end.", tidy.Text);
        Assert.Equal("Stalin", tidy.Highlights[0].Slice(tidy.Text));
    }

    [Fact]
    public void Tidy_FragmentStoppingMidSentence_EndsAfterAWholeWordWithAnEllipsis()
    {
        var at = Passage.IndexOf("His", StringComparison.Ordinal);
        var end = Passage.IndexOf("outmaneuvered", StringComparison.Ordinal) + 5;
        var fragment = Fragment(at, end - at, "Stalin");

        var tidy = SnippetBounds.Tidy(Passage, fragment);

        Assert.Equal("His most notable enemy was Stalin. Stalin…", tidy.Text);
    }

    [Fact]
    public void Tidy_FragmentStartingMidSentence_StartsWithAnEllipsisAndKeepsHighlights()
    {
        var at = Passage.IndexOf("ost notable", StringComparison.Ordinal);
        var fragment = Fragment(at, Passage.IndexOf(" Stalin out", StringComparison.Ordinal) - at, "enemy");

        var tidy = SnippetBounds.Tidy(Passage, fragment);

        Assert.Equal("…notable enemy was Stalin.", tidy.Text);
        Assert.Equal("enemy", tidy.Highlights[0].Slice(tidy.Text));
    }

    [Fact]
    public void Tidy_WholeSentences_AreLeftAsTheyAre()
    {
        var fragment = Fragment(0, Passage.Length, "Trotsky");

        var tidy = SnippetBounds.Tidy(Passage, fragment);

        Assert.Equal(Passage, tidy.Text);
        Assert.Equal("Trotsky", tidy.Highlights[0].Slice(tidy.Text));
    }

    private static HighlightedText Fragment(int start, int length, string highlighted)
    {
        var text = Passage.Substring(start, length);
        var at = text.IndexOf(highlighted, StringComparison.Ordinal);
        return new HighlightedText(text, [new TextSpan(at, highlighted.Length)]);
    }
}
