using System.Diagnostics;
using System.Text.Json;
using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Evaluation;
using HistoryBot.Core.Retrieval;
using HistoryBot.Embeddings;

namespace HistoryBot.Training;

/// <summary>One shortlisted candidate sentence of a training question.</summary>
/// <param name="Label">The quote built from the sentence holds a gold answer (ansq1's whole-word match); never for an
/// unanswerable question.</param>
/// <param name="HandRank">The sentence's place in the hand-written ranking (0: the sentence the rules would quote).</param>
internal sealed record CandidateRow(float[] Features, bool Label, int HandRank, double HandConfidence);

/// <summary>A training question with its candidate rows, best by hand score first.</summary>
internal sealed record QuestionRows(TrainingQuestion Question, IReadOnlyList<CandidateRow> Rows);

/// <summary>Runs the real engine's question analysis, candidate retrieval and feature stage over every training question.</summary>
internal static class FeatureRows
{
    /// <param name="tokens">With an embedder, each row also gets the <see cref="AlignmentFeatures"/> (one encoder call per
    /// question: the question and its shortlisted sentences), and <paramref name="milliseconds"/> the time each question's call and features took.</param>
    public static IReadOnlyList<QuestionRows> Extract(
        HistoryBotEngine engine, IReadOnlyList<TrainingQuestion> questions, TextWriter progress, SentenceTransformerEmbedder? tokens = null, List<double>? milliseconds = null, List<float>? literal = null)
    {
        var result = new List<QuestionRows>(questions.Count);
        foreach (var question in questions)
        {
            var (analysis, candidates) = engine.InspectAnalysed(question.Question);
            var alignment = tokens is null ? null : Align(tokens, analysis, candidates.Select(c => c.Candidate).ToList(), milliseconds, literal);
            var rows = candidates
                .Select((c, rank) => new CandidateRow(
                    alignment is null ? c.Candidate.Features : [.. c.Candidate.Features, .. alignment[rank]],
                    !question.Unanswerable && AnswerMetrics.AnswerInQuote(c.Quote, question.Answers),
                    rank,
                    c.Candidate.HandConfidence))
                .ToList();
            result.Add(new QuestionRows(question, rows));
            if (result.Count % 500 == 0)
            {
                progress.WriteLine($"  {result.Count} of {questions.Count} questions");
            }
        }

        return result;
    }

    private static float[][] Align(SentenceTransformerEmbedder tokens, QuestionAnalysis question, List<CandidateSentence> candidates, List<double>? milliseconds, List<float>? literal)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var texts = candidates.Select(c => c.Sentence.Passage.Passage.Sentences[c.Sentence.SentenceIndex].Text).Prepend(question.Question).ToList();
        var stopwatch = Stopwatch.StartNew();
        var vectors = tokens.EmbedTokens(texts);
        var features = AlignmentFeatures.Describe(question, vectors[0], vectors.Skip(1).ToList(), literal);
        milliseconds?.Add(stopwatch.Elapsed.TotalMilliseconds);
        return features;
    }

    /// <summary>Saves the rows (JSON Lines), so that trying other trees does not rerun the engine.</summary>
    public static void Save(string path, IReadOnlyList<QuestionRows> rows)
    {
        using var writer = new StreamWriter(path);
        foreach (var row in rows)
        {
            writer.WriteLine(JsonSerializer.Serialize(row));
        }
    }

    public static IReadOnlyList<QuestionRows> Load(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<QuestionRows>(l)!).ToList();
}
