using HistoryBot.Core.Answering;
using HistoryBot.Core.Chunking;
using HistoryBot.Core.Retrieval;

namespace HistoryBot.Tests.Support;

/// <summary>Passages and analysed questions made in memory, for testing the answer stages without an index.</summary>
internal static class InMemoryPassages
{
    /// <summary>A passage of the given sentences, joined by single spaces, starting at offset 0 of its document.</summary>
    public static Passage Passage(string id, string title, string? section, params string[] sentences)
    {
        var parts = new List<PassageSentence>();
        var start = 0;
        foreach (var sentence in sentences)
        {
            parts.Add(new PassageSentence(sentence, start, sentence.Length));
            start += sentence.Length + 1;
        }

        return new Passage(id, id.Split('#')[0], title, section, 0, 0, string.Join(' ', sentences), parts);
    }

    /// <summary>A candidate with a keyword score and, optionally, each sentence's embedding similarity.</summary>
    public static CandidatePassage Candidate(Passage passage, double score = 1, params float?[] similarities) =>
        new(passage, score, similarities.Length == 0 ? null : similarities);

    /// <summary>
    /// An analysed question whose words (stemmed as the index does) all occur in the corpus, each with IDF and salience 1,
    /// except those listed in <paramref name="absent"/>, which the corpus lacks.
    /// </summary>
    public static QuestionAnalysis Question(string question, IReadOnlySet<string>? absent = null)
    {
        var terms = Core.Indexing.HistoryBotAnalyzer.ForQuestions().Terms(question)
            .Distinct()
            .Select((stem, i) => new QuestionTerm(
                stem,
                i,
                1.0,
                absent?.Contains(stem) == true ? [] : [new TermAlternative(stem, 1.0, TermSource.Exact)],
                1.0))
            .ToList();
        return new QuestionAnalysis(question, terms, QuestionClassifier.Classify(question));
    }

    /// <summary>The index's stem of a single word.</summary>
    public static string Stem(string word) => TermMatching.Analyzer.Terms(word).Single();
}
