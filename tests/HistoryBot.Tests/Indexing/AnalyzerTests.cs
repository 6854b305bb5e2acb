using HistoryBot.Core.Indexing;

namespace HistoryBot.Tests.Indexing;

public sealed class AnalyzerTests
{
    private readonly HistoryBotAnalyzer _analyzer = HistoryBotAnalyzer.ForIndexing();

    [Theory]
    [InlineData("led", "lead")]
    [InlineData("fought", "fight")]
    [InlineData("overthrown", "overthrow")]
    public void Terms_IrregularForm_IndexedAsItsLemma(string form, string lemma)
    {
        Assert.Equal(_analyzer.Terms(lemma), _analyzer.Terms(form));
    }

    [Fact]
    public void Terms_IrregularFormCapitalised_IndexedAsItsLemma()
    {
        Assert.Equal(["lead", "revolt"], _analyzer.Terms("Trotsky Led the revolt").Skip(1));
    }

    [Fact]
    public void Terms_Lemma_IsNotStemmedFurther()
    {
        // "became" -> "become", which the Porter stemmer would cut to "becom": the override marks it a keyword.
        Assert.Equal(["become"], _analyzer.Terms("became"));
    }

    [Theory]
    [InlineData("ledger", "ledger")]
    [InlineData("lefts", "left")]
    [InlineData("fed", "feed")]
    [InlineData("federal", "feder")]
    public void Terms_WordSharingAFormsLetters_OnlyTheWholeFormIsReplaced(string word, string term)
    {
        Assert.Equal([term], _analyzer.Terms(word));
    }
}
