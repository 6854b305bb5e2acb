using System.Text.Json;
using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

public sealed class CliAppTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Ask_Question_PrintsQuoteAndSource()
    {
        var result = _cli.Run("ask", "When did Lenin die?");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("1924", result.Out, StringComparison.Ordinal);
        Assert.Contains("lenin-and-trotsky.txt", result.Out, StringComparison.Ordinal);
        Assert.Contains("**Lenin's**", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AskJson_Question_PrintsTheContract()
    {
        var result = _cli.Run("ask", "--json", "When did Lenin die?");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("When did Lenin die?", root.GetProperty("question").GetString());
        Assert.True(root.GetProperty("answered").GetBoolean());
        var answer = root.GetProperty("answer");
        Assert.Contains("1924", answer.GetProperty("quote").GetString(), StringComparison.Ordinal);
        Assert.Equal("lenin-and-trotsky.txt", answer.GetProperty("document").GetString());
        Assert.Equal("Trotsky Vs. Stalin", answer.GetProperty("section").GetString());
        Assert.InRange(answer.GetProperty("score").GetDouble(), 0, 1);
        var passages = root.GetProperty("passages");
        Assert.InRange(passages.GetArrayLength(), 1, 5);
        Assert.StartsWith("lenin-and-trotsky.txt#", passages[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("hybrid", root.GetProperty("retrieval").GetString());
        Assert.True(root.GetProperty("elapsedMs").GetDouble() >= 0);
    }

    [Fact]
    public void AskJson_Lexical_SaysLexicalRetrievalAnswered()
    {
        var result = _cli.Run("ask", "--json", "--retrieval", "lexical", "When did Lenin die?");

        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("lexical", json.RootElement.GetProperty("retrieval").GetString());
    }

    [Theory]
    [InlineData("hybrid")]
    [InlineData("lexical")]
    public void AskVerbose_Question_PrintsTheRetrievalThatAnsweredAfterTheAnswer(string mode)
    {
        var result = _cli.Run("ask", "--verbose", "--retrieval", mode, "When did Lenin die?");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.EndsWith($"retrieval: {mode}", result.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void ChatVerbose_EachAnswer_IsFollowedByItsRetrievalLine()
    {
        var result = _cli.RunWithInput("When did Lenin die?\nWho exiled Trotsky?\n", "chat", "--verbose", "--retrieval", "lexical");

        var lines = result.Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal(2, lines.Count(l => l == "retrieval: lexical"));
        Assert.DoesNotContain("retrieval: lexical", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_NotVerbose_PrintsNoRetrievalLine()
    {
        var result = _cli.RunWithInput("When did Lenin die?\n", "chat", "--retrieval", "lexical");

        Assert.DoesNotContain("retrieval:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AskJson_Declined_HasNullAnswer()
    {
        var result = _cli.Run("ask", "--json", "How do I reset my router?");

        using var json = JsonDocument.Parse(result.Out);
        Assert.False(json.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("answer").ValueKind);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public void AskJson_NoQuestion_AnswersEachStdinLineAsOneJsonLine()
    {
        var result = _cli.RunWithInput("When did Lenin die?\n\nWho exiled Trotsky?\nlorem ipsum\n", "ask", "--json");

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
        Assert.Contains("Stalin", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_NoQuestionWithoutJson_IsAUsageError()
    {
        var result = _cli.Run("ask");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("give a question", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_EmptyQuestion_IsAUsageError()
    {
        var result = _cli.Run("ask", "   ");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?!?!...")]
    [InlineData("🙂🙂🙂 ❤")]
    [InlineData("Кто убил Троцкого?")]
    [InlineData("列宁什么时候去世？")]
    [InlineData("When\0 did\u0007 Lenin\u001b[31m die?")]
    [InlineData("title:lenin AND (trotsky OR \"stalin")]
    [InlineData("AND OR ((")]
    public void Ask_OddInput_AnswersOrDeclinesWithoutError(string question)
    {
        var result = _cli.Run("ask", question);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.DoesNotContain("\u001b", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_TenThousandCharacterQuestion_Works()
    {
        var question = string.Concat(Enumerable.Repeat("When did Lenin die? ", 500));

        var result = _cli.Run("ask", "--json", question);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("answered").GetBoolean());
    }

    [Fact]
    public void Search_Phrase_ListsHighlightedHits()
    {
        var result = _cli.Run("search", "\"permanent revolution\"", "--limit", "3");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("**permanent** **revolution**", result.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Permanent Revolution or State Socialism", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchJson_BooleanQuery_ReturnsHitsWithScores()
    {
        var result = _cli.Run("search", "--json", "stalin AND exiled");

        using var json = JsonDocument.Parse(result.Out);
        var hits = json.RootElement.GetProperty("hits");
        Assert.Equal(1, hits.GetArrayLength());
        Assert.Equal("Trotsky Vs. Stalin", hits[0].GetProperty("section").GetString());
        Assert.True(hits[0].GetProperty("score").GetDouble() > 0);
    }

    [Theory]
    [InlineData("AND OR ((")]
    [InlineData("\"unbalanced quote")]
    [InlineData("*leading")]
    [InlineData("")]
    public void Search_MalformedQuery_OneLineErrorAndExit2(string query)
    {
        var result = _cli.Run("search", query);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Search_BadLimit_IsAUsageError()
    {
        var result = _cli.Run("search", "lenin", "--limit", "0");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
    }

    [Fact]
    public void Index_SeedCorpus_PrintsWhatItIndexed()
    {
        var result = _cli.Run("index");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("documents: 1", result.Out, StringComparison.Ordinal);
        Assert.Contains("sections:  4", result.Out, StringComparison.Ordinal);
        Assert.Contains("passages:  5", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyCommand_MissingCorpus_IsAUsageErrorNamingTheFolder()
    {
        var result = _cli.Run("ask", "When did Lenin die?", "--corpus", _cli.Temp.Combine("nope"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownCommandOrOption_IsAUsageError()
    {
        Assert.Equal(ExitCodes.UsageError, _cli.Run("frobnicate").ExitCode);
        Assert.Equal(ExitCodes.UsageError, _cli.Run("ask", "--nope", "x").ExitCode);
    }

    [Fact]
    public void Chat_PipedQuestion_PrintsAnAnswerAndExits()
    {
        var result = _cli.RunWithInput("When did Lenin die?\n", "chat");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("1924", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_SlashCommands_SearchHelpAndQuit()
    {
        var result = _cli.RunWithInput("/help\n/search bolshevik\n/bogus\n/quit\nWhen did Lenin die?\n", "chat");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("/search <query>", result.Out, StringComparison.Ordinal);
        Assert.Contains("Bolsheviks and Mensheviks", result.Out, StringComparison.Ordinal);
        Assert.Contains("Unknown command /bogus", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("1924", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_FollowUp_SaysHowItWasReadAndAnswersIt()
    {
        var result = _cli.RunWithInput("Who exiled Trotsky?\nWhen was he assassinated?\n", "chat");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("(reading it as: When was Trotsky assassinated?)", result.Out, StringComparison.Ordinal);
        Assert.Contains("1940", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_PronounAfterAQuestionOnAThing_StandsForThePersonTheAnswerNamed()
    {
        var corpus = _cli.Temp.Combine("french");
        Directory.CreateDirectory(corpus);
        File.WriteAllText(Path.Combine(corpus, "terror.txt"), """
            The Terror

            The Committee of Public Safety was led by Robespierre during the Terror. Robespierre was executed in July 1794 in Paris.
            """);

        var result = _cli.RunWithInput("Who led the Committee of Public Safety?\nWhen did he die?\n", "chat", "--corpus", corpus, "--retrieval", "lexical");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("(reading it as: When did Robespierre die?)", result.Out, StringComparison.Ordinal);
        Assert.Contains("1794", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_OverlongQuestionThatIsNoFollowUp_IsNotShownAsRewritten()
    {
        var longQuestion = "When did Lenin die " + new string('x', 5000) + "?";

        var result = _cli.RunWithInput(longQuestion + "\n", "chat");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.DoesNotContain("reading it as", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_MalformedSearch_ExplainsAndGoesOn()
    {
        var result = _cli.RunWithInput("/search AND OR ((\nWho exiled Trotsky?\n", "chat");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("could not be parsed", result.Out, StringComparison.Ordinal);
        Assert.Contains("Stalin", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_SeedQuestions_PrintsAllMetrics()
    {
        var result = _cli.Run("eval", TestData.SeedQuestions);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (var metric in new[] { "ansq1:", "evid1:", "psg3:", "abstain:", "falseabs:", "median" })
        {
            Assert.Contains(metric, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Eval_MissingOrMalformedFile_IsAUsageError()
    {
        Assert.Equal(ExitCodes.UsageError, _cli.Run("eval", _cli.Temp.Combine("missing.jsonl")).ExitCode);

        var bad = _cli.Temp.Write("bad.jsonl", "{\"question\": \"ok\"}\nnot json\n");
        var result = _cli.Run("eval", bad);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lexical")]
    [InlineData("hybrid")]
    public void Ask_RetrievalOption_AnswersInEitherMode(string mode)
    {
        var result = _cli.Run("ask", "--json", "--retrieval", mode, "Who exiled Trotsky?");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Stalin", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_UnknownRetrievalMode_IsAUsageError()
    {
        Assert.Equal(ExitCodes.UsageError, _cli.Run("ask", "--retrieval", "magic", "Who exiled Trotsky?").ExitCode);
    }

    [Fact]
    public void EvalCompare_SeedQuestions_PrintsLexicalAndHybridSideBySide()
    {
        var result = _cli.Run("eval", "--compare", TestData.SeedQuestions);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("lexical", result.Out, StringComparison.Ordinal);
        Assert.Contains("hybrid", result.Out, StringComparison.Ordinal);
        Assert.Contains("median ms", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_OnATerminal_ShowsIndexingAndEmbeddingProgress()
    {
        // Given standard error is a terminal
        var error = new StringWriter();
        var io = new ConsoleIO(new StringReader(string.Empty), new StringWriter(), error, ErrorIsTerminal: true);

        // When
        var exit = await new CliApp(io).RunAsync(
            ["index", "--corpus", TestData.SeedCorpus, "--index", _cli.Temp.Combine("tty-index")], CancellationToken.None);

        // Then
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("\rIndexing: 1/1 files", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("\rEmbedding sentences: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Index_Piped_ShowsNoProgress()
    {
        var result = _cli.Run("index");

        Assert.DoesNotContain("Indexing:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoArguments_ShowsHelp()
    {
        var result = _cli.Run();

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("chat", result.Out, StringComparison.Ordinal);
        Assert.Contains("ask", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_SetWithoutEvidence_PrintsADashForEvid1AndPsg3()
    {
        var result = _cli.Run("eval", "--retrieval", "lexical", TestData.SeedQuestions);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("evid1:    –\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("psg3:     –\n", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("evid1:    0.000", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void EvalCompare_WithFailures_ListsTheFailuresOfEachMode()
    {
        var questions = _cli.Temp.Write(
            "two.jsonl",
            "{\"question\": \"When did Lenin die?\", \"answers\": [\"1924\"]}\n" +
            "{\"question\": \"What colour was Trotsky's hat?\", \"answers\": [\"purple\"]}\n");

        var result = _cli.Run("eval", "--compare", "--failures", questions);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("failures (lexical):", result.Out, StringComparison.Ordinal);
        Assert.Contains("failures (hybrid):", result.Out, StringComparison.Ordinal);
        Assert.Equal(2, result.Out.Split("Q: What colour was Trotsky's hat?").Length - 1);
        Assert.DoesNotContain("Q: When did Lenin die?", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchHelp_RetrievalOption_StatesBenchDefaultsToLexical()
    {
        var result = _cli.Run("bench", "--help");

        Assert.Contains("bench: lexical", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("the default)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_Snippets_StartAtAWord()
    {
        var result = _cli.Run("search", "--json", "stalin OR lenin OR revolution", "--limit", "5");

        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        foreach (var hit in json.RootElement.GetProperty("hits").EnumerateArray())
        {
            var snippet = hit.GetProperty("snippet").GetString()!;
            Assert.True(char.IsLetterOrDigit(snippet[0]) || snippet[0] is '…' or '"' or '“', snippet);
        }
    }
}
