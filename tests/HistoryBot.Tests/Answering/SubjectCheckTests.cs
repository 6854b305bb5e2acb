using HistoryBot.Core.Answering;
using HistoryBot.Core.Retrieval;
using static HistoryBot.Tests.Support.InMemoryPassages;

namespace HistoryBot.Tests.Answering;

public sealed class SubjectCheckTests
{
    [Theory]
    [InlineData("When did Trotsky die?", "Many assumed that Trotsky would lead the party after Lenin's death in 1924.")]
    [InlineData("When did Zenobia die?", "The death of Sapor, which happened about this time, distracted the councils of Persia.")]
    [InlineData("When did Stalin die?", "Lenin died in 1924 after a long illness.")]
    [InlineData("When was Stalin assassinated?", "Trotsky was assassinated in Mexico in 1940.")]
    [InlineData("When did Stalin die?", "Soon after, Stalin exiled Trotsky and, in 1940, had him assassinated.")]
    [InlineData("When did Tomyris die?", "Tomyris slew Cyrus after the battle.")]
    [InlineData("When did Brutus die?", "Brutus killed him in the senate.")]
    public void AboutSomeoneElse_AskedEventBelongsToAnotherName_IsTrue(string question, string sentence)
    {
        var analysis = WithDeathWords(Question(question));

        Assert.True(SubjectCheck.AboutSomeoneElse(analysis, analysis.NameStems, sentence));
    }

    [Theory]
    [InlineData("When did Lenin die?", "Many assumed that Trotsky would lead the party after Lenin's death in 1924.")]
    [InlineData("When did Trotsky die?", "Soon after, Stalin exiled Trotsky and, in 1940, had him assassinated.")]
    [InlineData("When was Trotsky assassinated?", "Trotsky was assassinated in Mexico in 1940.")]
    [InlineData("When did Cyrus die?", "Tomyris slew Cyrus after the battle.")]
    [InlineData("When was Caesar killed?", "Brutus killed Caesar in the senate.")]
    [InlineData("When was Gyges killed?", "Gyges feared that he would be killed himself.")]
    public void AboutSomeoneElse_AskedEventBelongsToTheQuestionsName_IsFalse(string question, string sentence)
    {
        var analysis = WithDeathWords(Question(question));

        Assert.False(SubjectCheck.AboutSomeoneElse(analysis, analysis.NameStems, sentence));
    }

    [Theory]
    [InlineData("Who was Stalin's chief subordinate?", "However, Trotsky was also known as Lenin's chief subordinate.", true)]
    [InlineData("Who was Stalin's subordinate?", "However, Trotsky was also known as Lenin's chief subordinate.", true)]
    [InlineData("When was Solon's law on debts passed?", "Drakon's law on debts was harsh.", true)]
    [InlineData("Who was Lenin's chief subordinate?", "However, Trotsky was also known as Lenin's chief subordinate.", false)]
    [InlineData("Who was Stalin's chief subordinate?", "Trotsky was a subordinate of Lenin.", false)]
    [InlineData("Who was Stalin's chief subordinate?", "Lenin's death came in 1924.", false)]
    [InlineData("Who was Stalin's subordinate?", "Lenin's subordinate and Stalin's subordinate met.", false)]
    [InlineData("Harold Winson's government backed which country?", "Harold Wilson's government supported Israel.", false)]
    public void PossessedBySomeoneElse_SameWordOwnedByAnotherName_OnlyThenIsTrue(string question, string sentence, bool expected)
    {
        var analysis = Question(question);

        Assert.Equal(expected, SubjectCheck.PossessedBySomeoneElse(question, analysis.NameStems, sentence));
    }

    [Fact]
    public void AboutSomeoneElse_PronounObjectWithTheSubjectUnnamed_IsNotAttributed()
    {
        // "him" may stand for the question's Trotsky, named in an earlier sentence.
        var analysis = WithDeathWords(Question("When did Trotsky die?"));

        Assert.False(SubjectCheck.AboutSomeoneElse(analysis, analysis.NameStems, "In 1940 the secret police had him assassinated."));
    }

    [Fact]
    public void AboutSomeoneElse_WhoseQuestion_IsExemptAsTheOtherNameIsTheAnswer()
    {
        var analysis = Question("Whose son was Demophon?");

        Assert.False(SubjectCheck.AboutSomeoneElse(analysis, analysis.NameStems, "Demophon, the son of Theseus, founded the city."));
    }

    [Fact]
    public void AboutSomeoneElse_AskedWordIsPartOfAName_IsNotAttributed()
    {
        var analysis = Question("When did Trotsky lead the party?");

        Assert.False(SubjectCheck.AboutSomeoneElse(analysis, analysis.NameStems, "Trotsky became head of the Communist Party."));
    }

    [Fact]
    public void AboutSomeoneElse_NameBeforeANounAfterThe_IsNotItsSubject()
    {
        var analysis = Question("Which clan did Hystaspes belong to?");

        Assert.False(SubjectCheck.AboutSomeoneElse(analysis, analysis.NameStems, "Hystaspes was a man of the Achaimenid clan."));
    }

    [Fact]
    public void AboutSomeoneElse_SubjectInTheSentenceAndAnOrdinaryWord_IsNotSomeoneElse()
    {
        // "laws" belong to no one's life: Solon's laws are still what the question's Stalin broke.
        var analysis = Question("What laws did Stalin break?");

        Assert.False(SubjectCheck.AboutSomeoneElse(analysis, analysis.NameStems, "Stalin broke Lenin's laws."));
    }

    [Fact]
    public void AboutSomeoneElse_MisspeltName_MatchesThroughItsCorrection()
    {
        var question = WithDeathWords(Question("When did Lenim die?"));
        var lenim = question.Terms.Single(t => t.Stem == "lenim");
        var analysis = question with
        {
            Terms = [.. question.Terms.Select(t => t == lenim ? t with { Alternatives = [new TermAlternative("lenin", 0.8, TermSource.Corrected)] } : t)],
        };

        Assert.False(SubjectCheck.AboutSomeoneElse(analysis, analysis.NameStems, "Trotsky hoped to lead after Lenin's death in 1924."));
    }

    [Fact]
    public void Score_SentenceAboutSomeoneElse_LosesToTheOneAboutTheSubject()
    {
        var passage = Passage("a.txt#0", "Lenin and Trotsky", null,
            "Many assumed that Trotsky would lead the party after Lenin's death in 1924.",
            "Stalin exiled Trotsky, who died in Mexico in 1940.");
        var question = WithDeathWords(Question("When did Trotsky die?"));

        var scores = new SentenceScorer(new ScoringOptions()).Score(question, [Candidate(passage)]);

        Assert.True(scores.Sentences[0].AboutSomeoneElse);
        Assert.Equal(1, scores.Top!.SentenceIndex);
    }

    [Fact]
    public void Confidence_QuoteAboutSomeoneElse_IsPenalised()
    {
        var options = new ConfidenceOptions();
        var question = Question("Where was Trotsky exiled?");
        var passage = Passage("a.txt#0", "T", null, "Trotsky was exiled to Alma-Ata.");
        var top = new ScoredSentence(Candidate(passage), 0, 1, 1, 1, 1, null);

        var plain = new ConfidenceEstimator(options).Confidence(question, top);
        var penalised = new ConfidenceEstimator(options).Confidence(question, top with { AboutSomeoneElse = true });

        Assert.Equal(plain * (1 - options.OtherSubjectPenalty), penalised, 6);
    }

    /// <summary>The question with "die" standing also for "died", "death" and "assassinated", as the synonym list has it.</summary>
    private static QuestionAnalysis WithDeathWords(QuestionAnalysis question) => question with
    {
        Terms =
        [
            .. question.Terms.Select(t => t.Stem is "die" or "assassin" or "kill"
                ? t with
                {
                    Alternatives =
                    [
                        .. t.Alternatives,
                        new TermAlternative(Stem("death"), 0.6, TermSource.Synonym),
                        new TermAlternative(Stem("died"), 0.6, TermSource.Synonym),
                        new TermAlternative(Stem("assassinated"), 0.6, TermSource.Synonym),
                        new TermAlternative(Stem("killed"), 0.6, TermSource.Synonym),
                        new TermAlternative(Stem("slew"), 0.6, TermSource.Synonym),
                    ],
                }
                : t),
        ],
    };
}
