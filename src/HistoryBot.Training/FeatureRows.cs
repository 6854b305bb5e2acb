using System.Text.Json;
using HistoryBot.Core;
using HistoryBot.Core.Evaluation;

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
    public static IReadOnlyList<QuestionRows> Extract(HistoryBotEngine engine, IReadOnlyList<TrainingQuestion> questions, TextWriter progress)
    {
        var result = new List<QuestionRows>(questions.Count);
        foreach (var question in questions)
        {
            var rows = engine.Inspect(question.Question)
                .Select((c, rank) => new CandidateRow(
                    c.Candidate.Features,
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
