using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Answering;

/// <summary>
/// The names in a question say who it is about: a quote that does not mention them near its best sentence, or that
/// matches only the names and nothing of what is asked about them, is weaker evidence.
/// </summary>
public sealed class NameEvidenceTests : IDisposable
{
    private const string Article = """
        The Revolution

        Lenin died in 1924 after a long illness. Crowds filled Red Square for the funeral. Many mourned for weeks.

        The Exile

        Trotsky lost the struggle for power. Trotsky was exiled in 1929 and lived abroad for the rest of his life.

        The Successor

        Stalin ruled the country for three decades. Stalin built factories and collective farms across the land.
        """;

    private readonly TempCorpus _corpus = new();

    public NameEvidenceTests() => _corpus.Write("revolution.txt", Article);

    [Fact]
    public void Ask_OnlyTheNameMatches_LowersConfidenceByTheOnlyNamesPenalty()
    {
        // Nothing but "Trotsky" matches: the corpus does not say where he was born
        var withRule = Confidence("Where was Trotsky born?", missingName: 0, onlyNames: 0.2);
        var withoutRule = Confidence("Where was Trotsky born?", missingName: 0, onlyNames: 0);

        Assert.Equal(withoutRule * 0.8, withRule, 3);
    }

    [Fact]
    public void Ask_NameAndAskedWordBothNearTheQuote_KeepsFullConfidence()
    {
        var withRules = Confidence("When was Trotsky exiled?", missingName: 0.3, onlyNames: 0.2);
        var withoutRules = Confidence("When was Trotsky exiled?", missingName: 0, onlyNames: 0);

        Assert.Equal(withoutRules, withRules, 6);
        Assert.True(withRules > 0);
    }

    [Fact]
    public void Ask_NameInTheDocumentTitleOnly_IsNotMissing()
    {
        // The title line names the subject of the whole document
        _corpus.Write("moscow.txt", "Moscow\n\nThe city hosted the games of 1980 in a new stadium.\n");

        var withRule = Confidence("When did Moscow host the games?", missingName: 0.3, onlyNames: 0);
        var withoutRule = Confidence("When did Moscow host the games?", missingName: 0, onlyNames: 0);

        Assert.Equal(withoutRule, withRule, 6);
    }

    [Fact]
    public void Ask_NameElsewhereInTheQuotesDocument_CostsOnlyTheDistantNamePenalty()
    {
        // Stalin is in the article's last section, not in the quoted passage on Lenin's death
        var withRules = Confidence("When did Stalin die?", missingName: 0.6, onlyNames: 0, distantName: 0.3);
        var withoutRules = Confidence("When did Stalin die?", missingName: 0, onlyNames: 0, distantName: 0);

        Assert.Equal(withoutRules * 0.7, withRules, 3);
    }

    [Fact]
    public void Ask_NameOnlyInAnotherDocument_CostsTheMissingNamePenalty()
    {
        _corpus.Write("zinoviev.txt", "Zinoviev\n\nZinoviev wrote pamphlets in exile.\n");

        var withRules = Confidence("When did Zinoviev die?", missingName: 0.6, onlyNames: 0, distantName: 0.3);
        var withoutRules = Confidence("When did Zinoviev die?", missingName: 0, onlyNames: 0, distantName: 0);

        Assert.Equal(withoutRules * 0.4, withRules, 3);
    }

    [Fact]
    public void Ask_NameTheQuoteAbbreviates_IsNotMissing()
    {
        _corpus.Write("oil.txt", "Oil\n\nAt the time, Iran was the second-largest oil exporter and a close US ally.\n");
        _corpus.Write("states.txt", "States\n\nThe United States held elections in November.\n");

        var withRule = Confidence("Which oil exporter was a close ally of the United States?", missingName: 0.6, onlyNames: 0);
        var withoutRule = Confidence("Which oil exporter was a close ally of the United States?", missingName: 0, onlyNames: 0, distantName: 0);

        Assert.Equal(withoutRule, withRule, 6);
    }

    [Fact]
    public void Ask_AcronymTheQuoteSpellsOut_IsNeitherMissingNorAbsent()
    {
        _corpus.Write("motoring.txt", "Motoring\n\nThe American Automobile Association reported that a fifth of the filling stations had no fuel.\n");

        var withRules = Confidence("According to the AAA, how many filling stations had no fuel?", missingName: 0.6, onlyNames: 0, absentWord: 0.2);
        var withoutRules = Confidence("According to the AAA, how many filling stations had no fuel?", missingName: 0, onlyNames: 0, absentWord: 0);

        Assert.Equal(withoutRules, withRules, 6);
    }

    [Fact]
    public void Ask_AdjectiveOfAPlaceTheQuoteNames_IsNotMissing()
    {
        _corpus.Write("rochelle.txt", "New Rochelle\n\nThe town was named after La Rochelle, their former stronghold in France.\n");
        _corpus.Write("wine.txt", "Wine\n\nFrench wine was sold in every port.\n");

        var withRule = Confidence("Which French town was New Rochelle named after?", missingName: 0.6, onlyNames: 0);
        var withoutRule = Confidence("Which French town was New Rochelle named after?", missingName: 0, onlyNames: 0, distantName: 0);

        Assert.Equal(withoutRule, withRule, 6);
    }

    public void Dispose() => _corpus.Dispose();

    private double Confidence(string question, double missingName, double onlyNames, double distantName = 0.3, double absentWord = 0.2)
    {
        var options = new AnswerOptions
        {
            Retrieval = new RetrievalOptions { Mode = RetrievalMode.Lexical },

            // The other-subject rule also weighs names; it is off here so each test pins the one rule it names.
            Scoring = new ScoringOptions { OtherSubjectScorePenalty = 0 },
            Confidence = new ConfidenceOptions
            {
                MinimumConfidence = 0,
                MissingNamePenalty = missingName,
                DistantNamePenalty = distantName,
                AbsentWordPenalty = absentWord,
                OnlyNamesMatchPenalty = onlyNames,
                OtherSubjectPenalty = 0,
            },
        };
        using var engine = TestEngines.Open(
            new IndexOptions { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory },
            options);
        var answer = engine.Ask(question);
        Assert.True(answer.Answered, question);
        return answer.Quote!.Score;
    }
}
