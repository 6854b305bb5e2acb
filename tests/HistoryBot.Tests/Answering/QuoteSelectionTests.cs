using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Answering;

/// <summary>Which sentences make up the quote around the best-matching one.</summary>
public sealed class QuoteSelectionTests : IDisposable
{
    private readonly TempCorpus _corpus = new();

    [Fact]
    public void Ask_BestSentenceOpensWithAPronoun_QuotesTheSentenceBeforeItToo()
    {
        _corpus.Write("college.txt", """
            The College

            The college opened in a small house near the river in the spring. John Harvard was a young minister from England who came to the colony. He left the college his library of four hundred books when he died.
            """);

        var answer = Ask("What was left to the college?");

        Assert.StartsWith("John Harvard was a young minister", answer, StringComparison.Ordinal);
        Assert.EndsWith("when he died.", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_BestSentenceNamesItsSubject_QuotesItWithoutTheSentenceBefore()
    {
        _corpus.Write("college.txt", """
            The College

            The college opened in a small house near the river in the spring. John Harvard left the college his library of four hundred books when he died, and the court named the college after him.
            """);

        var answer = Ask("What was left to the college?");

        Assert.StartsWith("John Harvard left the college", answer, StringComparison.Ordinal);
    }

    public void Dispose() => _corpus.Dispose();

    private string Ask(string question)
    {
        using var engine = TestEngines.Open(
            new IndexOptions { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory },
            new AnswerOptions
            {
                Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical },
                Confidence = new ConfidenceOptions { MinimumConfidence = 0 },
            });
        var answer = engine.Ask(question);
        Assert.True(answer.Answered, question);
        return answer.Quote!.Text.Text;
    }
}
