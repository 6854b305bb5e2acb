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

    /// <summary>
    /// A short digest of the rows: each question, and each candidate's label and features to three decimals. The shipped
    /// model records the digest of the rows it was trained on, so a later run can tell whether the engine still gives them
    /// (when it does not, a default training run writes a different model than the one shipped).
    /// </summary>
    public static string Digest(IEnumerable<QuestionRows> data)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var question in data)
        {
            var text = new System.Text.StringBuilder(question.Question.Question);
            foreach (var row in question.Rows)
            {
                text.Append('|').Append(row.Label ? '1' : '0');
                foreach (var value in row.Features)
                {
                    text.Append(',').Append(value.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text.Append('\n').ToString()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    /// <summary>Whether <paramref name="digest"/> is that of the rows the shipped model was trained on (its "trainedOn" ends "; rows DIGEST").</summary>
    public static string CompareWithShipped(string digest)
    {
        var shipped = System.Text.RegularExpressions.Regex.Match(AnswerModel.Shipped.TrainedOn ?? "", "rows ([0-9a-f]{12})").Groups[1].Value;
        return shipped == digest
            ? $"rows {digest}: the rows the shipped model was trained on"
            : $"rows {digest}: NOT the rows the shipped model was trained on ({(shipped.Length > 0 ? shipped : "no digest recorded")}): the engine has changed "
                + "since, so this run writes a different model; ship it only with the development figures re-measured";
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
