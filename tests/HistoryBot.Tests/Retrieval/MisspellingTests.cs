using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Retrieval;

/// <summary>Misspelt questions are read through the corpus's own vocabulary and the common words of English prose.</summary>
public sealed class MisspellingTests : IDisposable
{
    private readonly TempCorpus _corpus = new();

    public MisspellingTests()
    {
        _corpus.Write("france.txt", """
            The French Revolution

            King Louis XVI was executed in January 1793 in Paris. Trotsky was assassinated in Mexico in 1940 on the orders of Stalin. The Committee of Public Safety was led by Robespierre during the Terror.
            """);
    }

    [Theory]
    [InlineData("When was Lois XVI exicuted?", "1793")]
    [InlineData("Wat yeer was Trotski assasinated?", "1940")]
    [InlineData("Wat yeer was Trotski asasinated?", "1940")]
    public void Ask_MisspeltNamesAndWords_AreAnsweredAsIfSpeltRight(string question, string expected)
    {
        var answer = Ask(question, new ConfidenceOptions());

        Assert.True(answer.Answered, question);
        Assert.Contains(expected, answer.Quote!.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_TwoEditsInAShortWord_AreNotCorrected()
    {
        var analysis = Analyze("When was Trotsky esacuted?", new QuestionOptions { TwoEditMinimumLength = 8 });

        Assert.DoesNotContain(analysis.Terms, t => t.Alternatives.Any(a => a.Source == TermSource.Corrected));
    }

    [Theory]
    [InlineData("When was Trotsky asasinated?", "assassin")]
    [InlineData("When was Trotsky asassinated?", "assassin")]
    [InlineData("When was Louis exxecuted?", "execut")]
    public void Analyze_MisspeltOnlyInDoubledLetters_IsCorrectedWhateverItsLength(string question, string expected)
    {
        var analysis = Analyze(question, new QuestionOptions { TwoEditMinimumLength = 100 });

        Assert.Contains(analysis.Terms, t => t.Alternatives.Any(a => a.Source == TermSource.Corrected && a.Term == expected));
    }

    [Fact]
    public void Analyze_MisspeltCommonWord_IsDroppedLikeAStopWord()
    {
        var analysis = Analyze("Wat yeer was Trotsky executed?");

        Assert.Equal([InMemoryPassages.Stem("Trotsky"), InMemoryPassages.Stem("executed")], analysis.Terms.Select(t => t.Stem).ToArray());
    }

    [Fact]
    public void Analyze_MisspeltCommonWordDroppingOff_KeepsTheWord()
    {
        var analysis = Analyze("Wat yeer was Trotsky executed?", new QuestionOptions { DropMisspeltCommonWords = false });

        Assert.Contains(analysis.Terms, t => t.Stem == "yeer" && !t.InCorpus);
    }

    [Fact]
    public void Analyze_ShortMisspeltName_IsCorrectedToTheCorpussSpelling()
    {
        var analysis = Analyze("When was Lois executed?");

        var lois = analysis.Terms.Single(t => t.Stem == "loi");
        Assert.Contains(lois.Alternatives, a => a.Source == TermSource.Corrected && a.Term == "loui");
    }

    [Fact]
    public void Analyze_ShortLowerCaseWord_IsNotCorrected()
    {
        // Three letters are only corrected in a name: "lot" is a word of its own, not a misspelt "Louis".
        var analysis = Analyze("When was the lot executed?");

        Assert.DoesNotContain(analysis.Terms, t => t.Alternatives.Any(a => a.Source == TermSource.Corrected));
    }

    [Fact]
    public void Analyze_TwoEditsInALongEnoughWord_AreCorrected()
    {
        var analysis = Analyze("When was Trotsky asasinated?", new QuestionOptions { TwoEditMinimumLength = 6 });

        Assert.Contains(analysis.Terms, t => t.Alternatives.Any(a => a.Source == TermSource.Corrected && a.Term == "assassin"));
    }

    [Fact]
    public void Analyze_QuestionOnADeath_AlsoMatchesTheCorpussKillings()
    {
        var analysis = Analyze("When did Trotsky die?");

        var die = analysis.Terms.Single(t => t.Stem == InMemoryPassages.Stem("die"));
        Assert.Contains(die.Alternatives, a => a.Source == TermSource.Synonym && a.Term == InMemoryPassages.Stem("assassinated"));
        Assert.Contains(die.Alternatives, a => a.Term == InMemoryPassages.Stem("executed"));
    }

    [Theory]
    [InlineData("yeer", true)]
    [InlineData("wich", true)]
    [InlineData("year", false)]
    [InlineData("pizza", false)]
    [InlineData("moon", false)]
    public void LooksMisspelt_WordsOneEditFromCommonProse_AreMisspellings(string stem, bool expected)
    {
        Assert.Equal(expected, BackgroundFrequencies.Instance.LooksMisspelt(stem));
    }

    [Theory]
    [InlineData("year", "yeer", true)]
    [InlineData("which", "wich", true)]
    [InlineData("form", "from", true)]
    [InlineData("year", "yearly", false)]
    [InlineData("lenin", "stalin", false)]
    public void WithinOneEdit_OneInsertDeleteReplaceOrSwap_IsTrue(string a, string b, bool expected)
    {
        Assert.Equal(expected, BackgroundFrequencies.WithinOneEdit(a, b));
    }

    public void Dispose() => _corpus.Dispose();

    private Answer Ask(string question, ConfidenceOptions confidence)
    {
        using var engine = TestEngines.Open(
            new IndexOptions { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory },
            new AnswerOptions { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical }, Confidence = confidence });
        return engine.Ask(question);
    }

    private QuestionAnalysis Analyze(string question, QuestionOptions? options = null)
    {
        using var index = PassageIndex.Open(new IndexOptions { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory });
        return new QuestionAnalyzer(index.Reader, options ?? new QuestionOptions()).Analyze(question);
    }
}
