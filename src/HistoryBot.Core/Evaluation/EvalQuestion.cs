using System.Text.Json;
using System.Text.Json.Serialization;

namespace HistoryBot.Core.Evaluation;

/// <summary>One line of a question set (JSON Lines): the question, gold answers and evidence sentences.</summary>
public sealed record EvalQuestion(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answers")] IReadOnlyList<string>? Answers,
    [property: JsonPropertyName("evidences")] IReadOnlyList<string>? Evidences,
    [property: JsonPropertyName("unanswerable")] bool Unanswerable = false,
    [property: JsonPropertyName("id")] string? Id = null)
{
    /// <summary>Reads a JSON Lines question set; blank lines are skipped.</summary>
    /// <exception cref="FormatException">A line is not a question object; the message names the line.</exception>
    public static IReadOnlyList<EvalQuestion> ReadJsonLines(TextReader reader)
    {
        var questions = new List<EvalQuestion>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            EvalQuestion? question;
            try
            {
                question = JsonSerializer.Deserialize<EvalQuestion>(line);
            }
            catch (JsonException e)
            {
                throw new FormatException($"line {lineNumber} is not valid JSON: {e.Message.Split('\n')[0]}", e);
            }

            if (question is null || string.IsNullOrWhiteSpace(question.Question))
            {
                throw new FormatException($"line {lineNumber} has no \"question\".");
            }

            questions.Add(question);
        }

        return questions;
    }
}
