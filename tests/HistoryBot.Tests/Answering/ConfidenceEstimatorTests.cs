using HistoryBot.Core.Answering;
using static HistoryBot.Tests.Support.InMemoryPassages;

namespace HistoryBot.Tests.Answering;

public sealed class ConfidenceEstimatorTests
{
    private static readonly ConfidenceOptions Options = new();

    /// <summary>A missing name costs 60 % of the confidence, one elsewhere in the document 10 %.</summary>
    private static readonly ConfidenceOptions PenaltiesOn = new() { MissingNamePenalty = 0.6, DistantNamePenalty = 0.1 };

    [Fact]
    public void Confidence_Lexical_IsTheSalienceInContext()
    {
        var top = Top("Who exiled Trotsky?", "Stalin exiled Trotsky in 1929.");

        Assert.Equal(top.Salience, new ConfidenceEstimator(Options).Confidence(Question("Who exiled Trotsky?"), top), 6);
    }

    [Fact]
    public void Confidence_Hybrid_MixesSalienceAndSimilarityByTheShare()
    {
        var top = Top("Who exiled Trotsky?", "Stalin exiled Trotsky in 1929.") with { Salience = 0.4, Semantic = 0.8 };
        var estimator = new ConfidenceEstimator(new ConfidenceOptions { SemanticConfidenceShare = 0.25 });

        Assert.Equal((0.75 * 0.4) + (0.25 * 0.8), estimator.Confidence(Question("Who exiled Trotsky?"), top), 6);
    }

    [Fact]
    public void Confidence_NameTheSentenceLacks_IsPenalised()
    {
        // Given a penalty that is on (the default, 0, would let this pass with the penalty's code deleted)
        var question = Question("When was Stalin exiled?");
        var top = Top("When was Stalin exiled?", "Trotsky was exiled in 1929.") with { Salience = 1 };

        // When
        var confidence = new ConfidenceEstimator(PenaltiesOn).Confidence(question, top);

        // Then
        Assert.Equal(0.4, confidence, 6);
    }

    [Fact]
    public void Confidence_NumberTheSentenceLacks_IsPenalisedAsAName()
    {
        var question = Question("What did Apollo 13 carry?");
        var top = Top("What did Apollo 13 carry?", "Apollo 11 carried a camera and Apollo 12 carried a seismometer.") with { Salience = 1 };

        var confidence = new ConfidenceEstimator(PenaltiesOn).Confidence(question, top);

        Assert.Equal(0.4, confidence, 6);
    }

    [Fact]
    public void Confidence_NumberTheSentenceHas_IsNotPenalised()
    {
        var question = Question("What did Apollo 13 carry?");
        var top = Top("What did Apollo 13 carry?", "Apollo 13 carried three astronauts.") with { Salience = 1 };

        Assert.Equal(1, new ConfidenceEstimator(Options).Confidence(question, top), 6);
    }

    [Fact]
    public void Confidence_NameElsewhereInThePassageOnly_IsPenalisedAsDistant()
    {
        var question = Question("When was Stalin exiled?");
        var passage = Passage("a#0", "Russia", null,
            "Stalin led the party.", "The weather was cold.", "Many moved east.", "Trotsky was exiled in 1929.");
        var top = new ScoredSentence(Candidate(passage), 3, 1, 1, 1, 1, null);
        var options = new ConfidenceOptions { MissingNamePenalty = 0.6, DistantNamePenalty = 0.1 };

        var confidence = new ConfidenceEstimator(options).Confidence(question, top);

        Assert.Equal(1 - options.DistantNamePenalty, confidence, 6);
    }

    [Fact]
    public void Confidence_OnlyTheNameMatches_IsPenalised()
    {
        var question = Question("Where was Trotsky born?");
        var top = Top("Where was Trotsky born?", "Trotsky was exiled in 1929.") with { Salience = 1 };

        var confidence = new ConfidenceEstimator(Options).Confidence(question, top);

        Assert.Equal(1 - Options.OnlyNamesMatchPenalty, confidence, 6);
    }

    [Fact]
    public void Confidence_RareWordTheCorpusLacks_IsPenalised()
    {
        var question = Question("Did Lenin eat pizza?", absent: new HashSet<string> { Stem("pizza") });
        var top = Top("Did Lenin eat pizza?", "Lenin ate bread with Trotsky.") with { Salience = 1 };

        var confidence = new ConfidenceEstimator(Options).Confidence(question, top);

        Assert.Equal(1 - Options.AbsentWordPenalty, confidence, 6);
    }

    [Theory]
    [InlineData(0.35, true)]
    [InlineData(0.3499, false)]
    public void Answers_AgainstTheMinimum_DeclinesBelowIt(double confidence, bool expected)
    {
        Assert.Equal(expected, new ConfidenceEstimator(new ConfidenceOptions { MinimumConfidence = 0.35 }).Answers(confidence));
    }

    private static ScoredSentence Top(string question, string sentence)
    {
        var passage = Passage("a#0", "Russia", null, sentence);
        return new SentenceScorer(new ScoringOptions()).Score(Question(question), [Candidate(passage)]).Top!;
    }
}
