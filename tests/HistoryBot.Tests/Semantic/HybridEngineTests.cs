using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Semantic;
using HistoryBot.Embeddings;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Semantic;

public sealed class HybridEngineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private IndexOptions SeedIndex() => new() { CorpusDirectory = TestData.SeedCorpus, IndexDirectory = _temp.Combine("index") };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Open_Hybrid_StoresEmbeddingsBesideTheIndexAndReusesThem()
    {
        // Given a first start that embeds the corpus
        using (var first = TestEngines.Open(SeedIndex(), new AnswerOptions { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Hybrid } }))
        {
            Assert.Equal(RetrievalMode.Hybrid, first.Mode);
        }

        Assert.NotEmpty(Directory.GetFiles(_temp.Combine("index", SemanticIndex.FolderName)));

        // When the engine starts again on the same corpus
        using var index = PassageIndex.Open(SeedIndex());
        var semantic = SemanticIndex.Open(index, new ArcticXsEmbedder());

        // Then nothing is re-embedded
        Assert.True(semantic.Report.Reused);
        Assert.Equal(0, semantic.Report.TextsEmbedded);
    }

    [Fact]
    public void Open_CorpusLargerThanTheEmbeddingLimit_FallsBackToLexical()
    {
        var options = new RetrievalOptions { Mode = RetrievalMode.Hybrid, MaxSentencesToEmbed = 3 };

        using var engine = TestEngines.Open(SeedIndex(), new AnswerOptions { Retrieval = options });

        Assert.Equal(RetrievalMode.Lexical, engine.Mode);
        Assert.True(engine.Ask("When did Lenin die?").Answered);
    }

    [Fact]
    public void Open_Lexical_LoadsNoEmbeddings()
    {
        using var engine = TestEngines.Open(SeedIndex(), new AnswerOptions { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical } });

        Assert.Equal(RetrievalMode.Lexical, engine.Mode);
        Assert.False(Directory.Exists(_temp.Combine("index", SemanticIndex.FolderName)));
    }

    [Theory]
    [InlineData("When did Lenin die?", "1924")]
    [InlineData("Who had Trotsky killed?", "Stalin")]
    [InlineData("What was the Bolsheviks' idea of how the party should be run?", "small, highly organized group")]
    public void Ask_Hybrid_QuotesTheAnswer(string question, string expected)
    {
        using var engine = TestEngines.Open(SeedIndex(), new AnswerOptions { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Hybrid } });

        Assert.Contains(expected, engine.Ask(question).Quote?.Text.Text ?? "(declined)", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How do I reset my router?")]
    [InlineData("What is the best pizza topping?")]
    [InlineData("Who won the 2018 World Cup?")]
    public void Ask_HybridOffTopicQuestion_Declines(string question)
    {
        using var engine = TestEngines.Open(SeedIndex(), new AnswerOptions { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Hybrid } });

        Assert.False(engine.Ask(question).Answered);
    }

    [Fact]
    public void Ask_HybridFiftyThousandCharacterQuestion_ClippedAndAnswered()
    {
        using var engine = TestEngines.Open(SeedIndex(), new AnswerOptions { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Hybrid } });
        var question = "When did Lenin die? " + new string('x', 50_000);

        var answer = engine.Ask(question);

        Assert.True(answer.QuestionClipped);
        Assert.Equal(new QuestionOptions().MaxQuestionLength, answer.Question.Length);
        Assert.Contains("1924", answer.Quote?.Text.Text ?? "(declined)", StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_ShortQuestion_IsNotClipped()
    {
        using var engine = TestEngines.Open(SeedIndex(), new AnswerOptions { Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical } });

        Assert.False(engine.Ask("When did Lenin die?").QuestionClipped);
    }
}
