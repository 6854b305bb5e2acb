using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Retrieval;

/// <summary>What a question asks for (a reason, the meaning of a word) decides which sentence answers it.</summary>
public sealed class QuestionKindTests : IDisposable
{
    private readonly TempCorpus _corpus = new();

    public QuestionKindTests()
    {
        _corpus.Write("zorbia.txt", """
            The Zorbian Kingdom

            The Zorbians elected the council of elders every spring. The Valdor faction wanted the council to be smaller and more loyal. The "Valdor" or "high seat" faction of the council met in the capital.

            The Elders and the King

            Despite their quarrels, the elders and King Armand managed a serving friendship throughout his reign. Most elders disliked King Armand, but felt it necessary to serve him. The capital grew.
            """);
    }

    [Theory]
    [InlineData("Why did the Zorbians elect a council?", "Why")]
    [InlineData("What was the reason for the council?", "Why")]
    [InlineData("What does Valdor mean?", "Meaning")]
    [InlineData("What does the word Valdor translate to?", "Meaning")]
    [InlineData("What is the meaning of Valdor?", "Meaning")]
    [InlineData("What did the Valdor faction want?", "Other")]
    [InlineData("When did the Zorbians elect the council?", "When")]
    public void Classify_Wording_GivesTheKindAskedFor(string question, string expected)
    {
        Assert.Equal(expected, QuestionClassifier.Classify(question).ToString());
    }

    [Fact]
    public void Analyze_MeaningQuestion_SearchesOnlyForTheWordToExplain()
    {
        var analysis = Analyze("What does the word Valdor translate to?");

        Assert.Equal([InMemoryPassages.Stem("Valdor")], analysis.Terms.Select(t => t.Stem).ToArray());
    }

    [Fact]
    public void Analyze_OtherQuestion_KeepsWordsThatAMeaningQuestionDrops()
    {
        var analysis = Analyze("What word did the Zorbians use for the council?");

        Assert.Contains(analysis.Terms, t => t.Stem == InMemoryPassages.Stem("word"));
    }

    [Theory]
    [InlineData("What does Valdor mean?")]
    [InlineData("What does the word Valdor translate to?")]
    public void Ask_MeaningQuestion_QuotesTheSentenceThatGlossesTheWord(string question)
    {
        var answer = Ask(question);

        Assert.True(answer.Answered, question);
        Assert.StartsWith("The \"Valdor\" or \"high seat\"", answer.Quote!.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_WhyQuestion_QuotesTheSentenceThatGivesAReason()
    {
        var answer = Ask("Why did the elders serve King Armand despite disliking him?");

        Assert.True(answer.Answered);
        Assert.StartsWith("Most elders disliked King Armand, but felt it necessary", answer.Quote!.Text.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Why did they meet?", "The elders met because the king asked.", true)]
    [InlineData("Why did they meet?", "The elders met so that the king could speak.", true)]
    [InlineData("Why did they meet?", "The elders met in the capital.", false)]
    [InlineData("Why did they meet because of the king?", "The elders met because the king asked.", false)]
    public void Carries_WhyQuestion_NeedsAReasonTheQuestionDoesNotGive(string question, string sentence, bool expected)
    {
        Assert.Equal(expected, AnswerCues.Carries(QuestionKind.Why, sentence, English.LowerCaseWords(question)));
    }

    [Theory]
    [InlineData("The \"Valdor\" or \"high seat\" faction met.", true)]
    [InlineData("Bolshevik is Russian for majority.", true)]
    [InlineData("The Normans (Norman: Nourmands; Latin: Normanni) settled.", false)]
    [InlineData("The word comes from the Greek for city.", true)]
    [InlineData("The Valdor faction met in the capital.", false)]
    public void Carries_MeaningQuestion_NeedsAGloss(string sentence, bool expected)
    {
        Assert.Equal(expected, AnswerCues.Carries(QuestionKind.Meaning, sentence, English.LowerCaseWords("What does Valdor mean?")));
    }

    public void Dispose() => _corpus.Dispose();

    private Answer Ask(string question)
    {
        using var engine = TestEngines.Open(
            new IndexOptions { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory },
            new AnswerOptions { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical } });
        return engine.Ask(question);
    }

    private QuestionAnalysis Analyze(string question)
    {
        using var index = PassageIndex.Open(new IndexOptions { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory });
        return new QuestionAnalyzer(index.Reader, new QuestionOptions()).Analyze(question);
    }
}
