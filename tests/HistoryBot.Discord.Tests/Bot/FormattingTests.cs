using HistoryBot.Core.Answering;
using HistoryBot.Core.Text;
using HistoryBot.Discord.Client.Api;
using HistoryBot.Discord.Bot;
using HistoryBot.Discord.Tests.Support;

namespace HistoryBot.Discord.Tests.Bot;

public sealed class FormattingTests
{
    [Theory]
    [InlineData("*bold* _it_ ~s~ `c` |sp| [l](u)", @"\*bold\* \_it\_ \~s\~ \`c\` \|sp\| \[l\](u)")]
    [InlineData("# Heading\n- item\n> quote\n1. one", "\\# Heading\n\\- item\n\\> quote\n\\1. one")]
    [InlineData("1917-1924 a > b", "1917-1924 a > b")]
    [InlineData("<@123> @everyone", @"\<@123> @everyone")]
    public void Escape_Markdown_ShowsTextAsWritten(string text, string expected) =>
        Assert.Equal(expected, DiscordText.Escape(text));

    [Fact]
    public void FormatAbout_CorpusChangeKnown_SaysWhenAsADiscordTimestamp()
    {
        var stats = new HistoryBot.Core.Indexing.IndexStats(2, 5, 9, 30);

        var known = ReplyFormatter.FormatAbout(stats, ["Lenin", "Trotsky"], new DateTimeOffset(2026, 11, 29, 21, 40, 0, TimeSpan.Zero));
        var unknown = ReplyFormatter.FormatAbout(stats, ["Lenin", "Trotsky"]);

        Assert.Contains("**2** documents", known.Description, StringComparison.Ordinal);
        Assert.Contains("It last changed <t:1795988400:f>.", known.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("last changed", unknown.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatAbout_BackgroundEmbeddingRuns_SaysHowFarItIs()
    {
        var stats = new HistoryBot.Core.Indexing.IndexStats(2, 5, 9, 30);
        var progress = new HistoryBot.Core.Semantic.EmbeddingProgress(1200, 4000);

        var running = ReplyFormatter.FormatAbout(stats, ["Lenin"], embedding: progress.Describe());
        var done = ReplyFormatter.FormatAbout(stats, ["Lenin"]);

        Assert.Contains("1,200 of 4,000 done (30%)", running.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Sentence embeddings", done.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_LongText_CutsAtASentenceBoundary()
    {
        var text = "Lenin died in 1924. Stalin then rose to power over several years of struggle.";

        Assert.Equal("Lenin died in 1924. …", DiscordText.Truncate(text, 40));
    }

    [Fact]
    public void Truncate_NoSentenceBoundary_CutsAtAWordBoundary()
    {
        var text = "Lenin died in January nineteen twenty four at Gorki";

        var cut = DiscordText.Truncate(text, 30);

        Assert.True(cut.Length <= 30);
        Assert.Equal("Lenin died in January…", cut);
    }

    [Fact]
    public void Truncate_SurrogatePairAtTheLimit_NeverSplitsIt()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 20));

        var cut = DiscordText.Truncate(text, 12);

        Assert.True(cut.Length <= 12);
        Assert.False(char.IsHighSurrogate(cut[^2]));
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderWithin_LongHighlightedText_FitsAndKeepsBoldBalanced()
    {
        var text = string.Join(' ', Enumerable.Repeat("Lenin *died* in 1924.", 400));
        var highlighted = new HighlightedText(text, [new TextSpan(0, 5), new TextSpan(text.Length - 5, 4)]);

        var rendered = DiscordText.RenderWithin(highlighted, 4096);

        Assert.True(rendered.Length <= 4096);
        Assert.StartsWith("**Lenin**", rendered, StringComparison.Ordinal);
        Assert.Equal(0, (rendered.Split("**").Length - 1) % 2);
    }

    [Fact]
    public void FormatAnswer_Quote_BoldsMatchesCitesSourceAndAddsTwoSeeAlso()
    {
        var answer = new FakeAnswerService().Ask("When did Lenin die?");

        var embed = ReplyFormatter.FormatAnswer(answer);

        Assert.StartsWith("**Lenin** **died** on 21 January 1924", embed.Description, StringComparison.Ordinal);
        Assert.Equal("The Soviet Union › Death of Lenin", embed.Footer!.Text);
        Assert.Equal(2, embed.Fields!.Count);
        Assert.Contains(@"\*Bolsheviks\*", embed.Fields[1].Value, StringComparison.Ordinal);
        Assert.True(EmbedLimits.Fits(embed));
    }

    [Fact]
    public void FormatAnswer_SmallTalk_NamesTheCorpusAndHowToAskWithoutASearchHint()
    {
        var corpus = new FakeAnswerService();
        var answer = new Answer("hi", false, null, [], [], TimeSpan.Zero) { Reason = DeclineReason.SmallTalk, SmallTalk = SmallTalkKind.Greeting };

        var embed = ReplyFormatter.FormatAnswer(answer, corpus: corpus);

        Assert.StartsWith("Hello!", embed.Description, StringComparison.Ordinal);
        Assert.Contains("3 documents", embed.Description, StringComparison.Ordinal);
        Assert.Contains("The Russian Revolution", embed.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Answer.DeclineMessage, embed.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("/search", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatAnswer_OtherLanguage_SaysEnglishIsUnderstoodAndNamesTheLanguage()
    {
        var answer = new Answer("Wer war Lenin?", false, null, [], [], TimeSpan.Zero) { Reason = DeclineReason.Language, Language = "German" };

        var embed = ReplyFormatter.FormatAnswer(answer);

        Assert.Contains("I only understand questions in English, and this looks like German.", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatAnswer_Decline_IsShortAndHonestWithSuggestions()
    {
        var embed = ReplyFormatter.FormatAnswer(new FakeAnswerService().Ask("What is the capital of Peru?"));

        Assert.Contains(Answer.DeclineMessage, embed.Description, StringComparison.Ordinal);
        Assert.Contains("Lenin, Stalin", embed.Description, StringComparison.Ordinal);
        Assert.Contains("`/search`", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatAnswer_HugeEverything_RespectsEveryLimit()
    {
        // Given
        var answer = HugeAnswer(passages: 3);

        // When
        var embed = ReplyFormatter.FormatAnswer(answer);

        // Then
        Assert.True(EmbedLimits.Fits(embed));
        Assert.True(EmbedLimits.TotalLength(embed) <= 6000);
    }

    [Fact]
    public void FormatAnswer_RewrittenFollowUp_TitlesTheQuestionAsAskedAndSaysWhatItWasReadAs()
    {
        var answer = new FakeAnswerService().Ask("When did Lenin die?");

        var embed = ReplyFormatter.FormatAnswer(answer, new FollowUp("When did *he* die?", "When did Lenin die?"));

        Assert.Equal(@"When did \*he\* die?", embed.Title);
        Assert.StartsWith("*(reading it as: When did Lenin die?)*\n\n**Lenin** **died** on 21 January 1924", embed.Description, StringComparison.Ordinal);
        Assert.True(EmbedLimits.Fits(embed));
    }

    [Fact]
    public void FormatAnswer_FollowUpNotRewritten_LooksLikeAnyAnswer()
    {
        var answer = new FakeAnswerService().Ask("When did Lenin die?");

        var embed = ReplyFormatter.FormatAnswer(answer, FollowUp.Standalone("When did Lenin die?"));

        var plain = ReplyFormatter.FormatAnswer(answer);
        Assert.Equal(plain.Title, embed.Title);
        Assert.Equal(plain.Description, embed.Description);
        Assert.DoesNotContain("reading it as", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatAnswer_DeclinedFollowUp_StillSaysWhatItWasReadAs()
    {
        var answer = new FakeAnswerService().Ask("What did Trotsky write?");

        var embed = ReplyFormatter.FormatAnswer(answer, new FollowUp("What about Trotsky?", "What did Trotsky write?"));

        Assert.Equal("What about Trotsky?", embed.Title);
        Assert.StartsWith("*(reading it as: What did Trotsky write?)*\n\n" + Answer.DeclineMessage, embed.Description, StringComparison.Ordinal);
        Assert.Contains("`/search`", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatAnswer_HugeRewrittenFollowUp_RespectsEveryLimit()
    {
        // Given
        var huge = string.Concat(Enumerable.Repeat("word ", 3000));
        var answer = HugeAnswer(passages: 2);

        // When
        var embed = ReplyFormatter.FormatAnswer(answer, new FollowUp("And *him*? " + huge, huge + " Lenin"));

        // Then
        Assert.True(EmbedLimits.Fits(embed));
        Assert.StartsWith("*(reading it as: word word", embed.Description, StringComparison.Ordinal);
        Assert.InRange(embed.Description!.IndexOf(")*\n\n", StringComparison.Ordinal), 0, ReplyFormatter.ReadingAsLength + 30);
    }

    [Fact]
    public void FormatAnswer_LongQuoteOfARewrittenFollowUp_KeepsTheDescriptionWithinItsLimit()
    {
        var huge = string.Concat(Enumerable.Repeat("word ", 3000));
        var quote = new Quote(HighlightedText.Plain(huge), "d", "Title", "Section", "p#0", 0, 1);
        var answer = new Answer("When did Lenin die?", true, quote, [], [], TimeSpan.Zero);

        var embed = ReplyFormatter.FormatAnswer(answer, new FollowUp("When did he die?", "When did Lenin die?"));

        Assert.True(EmbedLimits.Fits(embed));
        Assert.StartsWith("*(reading it as: When did Lenin die?)*", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void StripMention_BothMentionForms_Removed()
    {
        Assert.Equal("who succeeded Lenin?", MentionParser.StripMention("<@1000> who succeeded <@!1000> Lenin?", 1000));
        Assert.True(MentionParser.MentionsUser(new DiscordMessage(1, 2, new DiscordUser(3), "<@!1000> hi"), 1000));
        Assert.False(MentionParser.MentionsUser(new DiscordMessage(1, 2, new DiscordUser(3), "<@1001> hi", Mentions: [new DiscordUser(1001)]), 1000));
    }

    /// <summary>An answer whose every text (question, quote, titles, sections, passages) is far over Discord's limits.</summary>
    private static Answer HugeAnswer(int passages)
    {
        var huge = string.Concat(Enumerable.Repeat("word ", 3000));
        var passage = FakeAnswerService.Passage("p#1", huge, section: huge);
        var quote = new Quote(HighlightedText.Plain(huge), "d", huge, huge, "p#0", 0, 1);
        var ranked = Enumerable.Range(1, passages).Select(i => new RankedPassage(passage with { Id = $"p#{i}" }, 1)).ToList();
        return new Answer(huge, true, quote, ranked, [], TimeSpan.Zero);
    }
}
