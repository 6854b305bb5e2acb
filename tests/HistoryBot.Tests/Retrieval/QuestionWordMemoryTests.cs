using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Tests.Support;
using Lucene.Net.Search;

namespace HistoryBot.Tests.Retrieval;

/// <summary>
/// What the index says of a question word (its spelling correction, variants, synonyms, document frequency) is worked out
/// once per word, and the keyword query leaves out what cannot score.
/// </summary>
public sealed class QuestionWordMemoryTests : IDisposable
{
    private readonly TempCorpus _corpus = new();
    private readonly PassageIndex _index;

    public QuestionWordMemoryTests()
    {
        _corpus.Write("russia.txt", """
            The Russian Revolution

            Lenin died in January 1924. Trotsky was assassinated in Mexico in 1940 on the orders of Stalin.

            The Bolsheviks seized power in October 1917, led by Lenin and Trotsky.
            """);
        _index = PassageIndex.Open(new IndexOptions { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory });
    }

    [Fact]
    public void Analyze_AWordAskedAgain_ReusesWhatWasFoundForItTheFirstTime()
    {
        using var analyzer = new QuestionAnalyzer(_index.Reader, new QuestionOptions());

        var first = analyzer.Analyze("When was Trotski asasinated?");
        var remembered = analyzer.RememberedWords;
        var again = analyzer.Analyze("Where was Trotski asasinated?");

        Assert.Contains(first.Terms, t => t.Alternatives.Any(a => a.Source == TermSource.Corrected));
        Assert.Equal(remembered, analyzer.RememberedWords);
        foreach (var term in again.Terms)
        {
            Assert.Same(first.Terms.Single(t => t.Stem == term.Stem).Alternatives, term.Alternatives);
        }
    }

    [Fact]
    public void Analyze_WithRememberedWords_GivesTheSameTermsAsAFreshAnalyzer()
    {
        using var warm = new QuestionAnalyzer(_index.Reader, new QuestionOptions());
        warm.Analyze("Who killed Trotski in Mexico?");

        var remembered = warm.Analyze("Who had Trotski killed in Mexico?");
        using var fresh = new QuestionAnalyzer(_index.Reader, new QuestionOptions());
        var expected = fresh.Analyze("Who had Trotski killed in Mexico?");

        Assert.Equal(
            expected.Terms.Select(t => (t.Stem, t.Position, t.Idf, t.Salience, string.Join(",", t.Alternatives))),
            remembered.Terms.Select(t => (t.Stem, t.Position, t.Idf, t.Salience, string.Join(",", t.Alternatives))));
    }

    [Fact]
    public void BuildQuery_LeavesOutFieldsThatLackTheTerm()
    {
        var retriever = new PassageRetriever(_index.Searcher, new RetrievalOptions());
        using var analyzer = new QuestionAnalyzer(_index.Reader, new QuestionOptions());

        var query = retriever.BuildQuery(analyzer.Analyze("When did Lenin die in Mexico?"));
        var terms = query.Clauses.Select(c => c.Query).OfType<TermQuery>().Select(q => q.Term.ToString()).ToList();

        Assert.Contains($"{IndexFields.Text}:lenin", terms);
        Assert.DoesNotContain($"{IndexFields.Title}:lenin", terms);
        Assert.DoesNotContain($"{IndexFields.Section}:mexico", terms);
    }

    [Fact]
    public void Retrieve_FindsThePassagesAndScoresOfAPlainLuceneSearch()
    {
        var retriever = new PassageRetriever(_index.Searcher, new RetrievalOptions());
        using var analyzer = new QuestionAnalyzer(_index.Reader, new QuestionOptions());
        var question = analyzer.Analyze("Who led the Bolsheviks with Lenin in 1917?");

        var expected = _index.Searcher.Search(retriever.BuildQuery(question), 20).ScoreDocs
            .Select(d => (PassageIndex.ToPassage(_index.Searcher.Doc(d.Doc)).Id, (double)d.Score));
        var actual = retriever.Retrieve(question, 20).Select(r => (r.Passage.Id, r.Score));

        Assert.NotEmpty(actual);
        Assert.Equal(expected, actual);
    }

    public void Dispose()
    {
        _index.Dispose();
        _corpus.Dispose();
    }
}
