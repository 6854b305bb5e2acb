using HistoryBot.Core.Answering;
using HistoryBot.Core.Evaluation;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Answering;

/// <summary>End-to-end answers over the seed article: quotes are verbatim, sourced, and honest declines.</summary>
public sealed class SeedAnswerTests(SeedEngineFixture fixture) : IClassFixture<SeedEngineFixture>
{
    [Theory]
    [InlineData("When did Lenin die?", "1924")]
    [InlineData("Who became Lenin's successor?", "Stalin")]
    [InlineData("When was Trotsky assassinated?", "1940")]
    [InlineData("What does Bolshevik mean?", "majority")]
    public void Ask_AnswerableQuestion_QuotesTheSentenceWithTheAnswer(string question, string expected)
    {
        var answer = fixture.Engine.Ask(question);

        Assert.True(answer.Answered);
        Assert.Contains(expected, answer.Quote!.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_Answer_IsAVerbatimSubstringOfTheSourceAtItsOffset()
    {
        var answer = fixture.Engine.Ask("Who outmaneuvered Trotsky?");

        var quote = answer.Quote!;
        Assert.Equal(quote.Text.Text, TestData.SeedText.Substring(quote.Start, quote.Text.Text.Length));
        Assert.Equal("lenin-and-trotsky.txt", quote.DocumentId);
        Assert.Equal("Trotsky Vs. Stalin", quote.Section);
    }

    [Fact]
    public void Ask_Answer_EmphasisesTheMatchedWords()
    {
        var answer = fixture.Engine.Ask("When did Lenin die?");

        var emphasised = answer.Quote!.Text.Highlights.Select(h => h.Slice(answer.Quote.Text.Text)).ToList();
        Assert.Contains(emphasised, w => w.StartsWith("Lenin", StringComparison.Ordinal));
    }

    [Fact]
    public void Ask_Answer_QuoteIsAtMostAbout300Characters()
    {
        foreach (var question in new[] { "What did Lenin think about labor unions?", "What kind of party did the Mensheviks want?" })
        {
            var answer = fixture.Engine.Ask(question);
            Assert.True(answer.Quote!.Text.Text.Length <= 300, question);
        }
    }

    [Fact]
    public void Ask_Answer_NeverQuotesAHeading()
    {
        var answer = fixture.Engine.Ask("Trotsky Vs. Stalin");

        Assert.NotEqual("Trotsky Vs. Stalin", answer.Quote?.Text.Text);
    }

    [Fact]
    public void Ask_MisspeltNames_StillFindsTheAnswer()
    {
        var answer = fixture.Engine.Ask("When did Lenim die?");

        Assert.Contains("1924", answer.Quote?.Text.Text ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How do I reset my router?")]
    [InlineData("lorem ipsum")]
    [InlineData("What is the best pizza topping?")]
    [InlineData("Who painted the Mona Lisa?")]
    [InlineData("Where was Stalin born?")]
    [InlineData("Who was Lenin's wife?")]
    public void Ask_OffTopicQuestion_Declines(string question)
    {
        var answer = fixture.Engine.Ask(question);

        Assert.False(answer.Answered);
        Assert.Null(answer.Quote);
    }

    [Fact]
    public void Ask_Answer_ListsAtMostFivePassagesBestFirstWithTheQuotedOneFirst()
    {
        var answer = fixture.Engine.Ask("Who exiled Trotsky?");

        Assert.InRange(answer.Passages.Count, 1, 5);
        Assert.Equal(answer.Quote!.PassageId, answer.Passages[0].Passage.Id);
    }

    [Theory]
    [InlineData("seed-questions.jsonl", 0.85, 0.95, 0.05)]
    [InlineData("seed-questions-holdout.jsonl", 0.75, 0.85, 0.10)]
    public void Eval_SeedQuestionSet_MeetsTheQualityBar(string file, double minAnsq1, double minAbstain, double maxFalseAbstain)
    {
        // Given our own questions about the seed article: paraphrased, misspelt, and off-topic ones
        using var reader = File.OpenText(Path.Combine(TestData.Folder, file));
        var questions = EvalQuestion.ReadJsonLines(reader);

        // When
        var report = Evaluator.Run(fixture.Engine, questions);

        // Then
        Assert.True(report.Ansq1 >= minAnsq1, $"ansq1 {report.Ansq1:0.000}");
        Assert.True(report.Abstain >= minAbstain, $"abstain {report.Abstain:0.000}");
        Assert.True(report.FalseAbstain <= maxFalseAbstain, $"falseabs {report.FalseAbstain:0.000}");
    }

    [Fact]
    public void About_Stats_DescribeTheSeedCorpus()
    {
        Assert.Equal(1, fixture.Engine.Stats.Documents);
        Assert.Equal(4, fixture.Engine.Stats.Sections);
        Assert.Equal(5, fixture.Engine.Stats.Passages);
        Assert.Equal(Answer.DeclineMessage, "I couldn't find that in the corpus.");
    }
}
