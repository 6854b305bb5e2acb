using HistoryBot.Core.Answering;
using HistoryBot.Core.Chunking;

namespace HistoryBot.Tests.Answering;

/// <summary>A passage's analysed terms are worked out once per engine, not again for every question.</summary>
public sealed class AnalysedPassagesTests
{
    private static Passage Passage(string id, string text, string title = "Lenin") =>
        new(id, "doc", title, "Death", 0, 0, text, [new PassageSentence(text, 0, text.Length)]);

    [Fact]
    public void Of_ThePassageMetAgain_IsAnalysedOnce()
    {
        var passages = new AnalysedPassages();

        var first = passages.Of(Passage("doc#0", "Lenin died in 1924."));
        var again = passages.Of(Passage("doc#0", "Lenin died in 1924."));

        Assert.Same(first, again);
        Assert.Equal(1, passages.Count);
        Assert.Equal(["1924", "di", "lenin"], first.Sentences[0].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Of_APassageWhoseTextChanged_IsAnalysedAfresh()
    {
        var passages = new AnalysedPassages();

        passages.Of(Passage("doc#0", "Lenin died in 1924."));
        var changed = passages.Of(Passage("doc#0", "Trotsky was assassinated in 1940."));

        Assert.Contains("trotski", changed.All);
        Assert.DoesNotContain("lenin", changed.All);
    }

    [Fact]
    public void Terms_AreThoseOfTheSentencesHeadingTitleAndText()
    {
        var passage = new Passage(
            "doc#1", "doc", "Trotsky", "Exile", 1, 0, "He left Russia. He lived in Mexico.",
            [new PassageSentence("He left Russia.", 0, 15), new PassageSentence("He lived in Mexico.", 16, 19)]);

        var terms = new AnalysedPassages().Of(passage);

        Assert.Equal(TermMatching.TermSet("He left Russia."), terms.Sentences[0]);
        Assert.Equal(TermMatching.TermSet("He lived in Mexico."), terms.Sentences[1]);
        Assert.Equal(TermMatching.TermSet(passage.Text), terms.All);
        Assert.Equal(TermMatching.TermSet("Exile Trotsky"), terms.Heading);
        Assert.Equal(TermMatching.TermSet("Trotsky"), terms.Title);
        Assert.Equal(TermMatching.TermSet(passage.Text), terms.Text);
    }
}
