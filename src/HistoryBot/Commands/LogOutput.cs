using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HistoryBot.Cli.Output;
using HistoryBot.QuestionLog;

namespace HistoryBot.Cli.Commands;

/// <summary>How `historybot log` prints entries: a table for people, JSON lines for scripts, an eval set, a summary.</summary>
internal static class LogOutput
{
    private const int QuestionChars = 70;

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Table(IReadOnlyList<LoggedQuestion> rows)
    {
        if (rows.Count == 0)
        {
            return "No entries match.\n";
        }

        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"{"time (UTC)",-16} {"source",-8} {"answer",-8} {"score",5} {"rated",-5} question");
        foreach (var row in rows)
        {
            var entry = row.Entry;
            var rated = row.Feedback switch { Feedback.Up => "up", Feedback.Down => "down", _ => "" };
            var question = entry.ResolvedQuestion is { } resolved ? $"{entry.Question} (read as: {resolved})" : entry.Question;
            var score = entry.Score?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;
            var shown = AnswerText.Shorten(TerminalText.Sanitise(question), QuestionChars);
            builder.AppendLine(
                CultureInfo.InvariantCulture,
                $"{entry.Time.UtcDateTime:yyyy-MM-dd HH:mm} {entry.Source,-8} {(entry.Answered ? "quoted" : "declined"),-8} {score,5} {rated,-5} {shown}");
        }

        return builder.ToString();
    }

    /// <summary>One object per line: every field of the entry, and its verdict as "up", "down" or null.</summary>
    public static string Json(IReadOnlyList<LoggedQuestion> rows)
    {
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            var entry = row.Entry;
            builder.Append(Line(json =>
            {
                json.WriteString("id", row.Id);
                json.WriteString("time", entry.Time.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                json.WriteString("source", entry.Source);
                json.WriteString("question", entry.Question);
                json.WriteString("resolvedQuestion", entry.ResolvedQuestion);
                json.WriteBoolean("answered", entry.Answered);
                json.WriteString("quote", entry.Quote);
                json.WriteString("document", entry.Document);
                json.WriteString("section", entry.Section);
                WriteNumber(json, "score", entry.Score);
                json.WriteString("retrieval", entry.RetrievalMode);
                json.WriteNumber("elapsedMs", Math.Round(entry.ElapsedMs, 2));
                json.WriteString("feedback", row.Feedback switch { Feedback.Up => "up", Feedback.Down => "down", _ => null });
                json.WriteNumber("up", row.Up);
                json.WriteNumber("down", row.Down);
                json.WriteString("guildId", entry.GuildId?.ToString(CultureInfo.InvariantCulture));
                json.WriteString("channelId", entry.ChannelId?.ToString(CultureInfo.InvariantCulture));
                if (entry.UserId is { } userId)
                {
                    json.WriteString("userId", userId.ToString(CultureInfo.InvariantCulture));
                }
            }));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The 👍 answers in the eval format: the question (as resolved, when it was a follow-up: eval asks without
    /// context), no gold answers, and the quote as evidence, so evid1 shows whether a later version still quotes it.
    /// The same question with the same quote is written once.
    /// </summary>
    public static string EvalSet(IReadOnlyList<LoggedQuestion> rows)
    {
        var builder = new StringBuilder();
        var seen = new HashSet<(string, string)>();
        foreach (var row in rows)
        {
            var question = row.Entry.ResolvedQuestion ?? row.Entry.Question;
            if (!row.Entry.Answered || row.Entry.Quote is not { } quote || row.Feedback != Feedback.Up || !seen.Add((question, quote)))
            {
                continue;
            }

            builder.Append(Line(json =>
            {
                json.WriteString("question", question);
                json.WriteStartArray("answers");
                json.WriteEndArray();
                json.WriteStartArray("evidences");
                json.WriteStringValue(quote);
                json.WriteEndArray();
            }));
        }

        return builder.ToString();
    }

    public static string Summary(QuestionLogSummary summary, string path, DateTimeOffset? since)
    {
        var builder = new StringBuilder();
        var period = since is { } from ? $" since {from.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : string.Empty;
        builder.AppendLine(CultureInfo.InvariantCulture, $"Question log {path}{period}");
        if (summary.Questions == 0)
        {
            builder.AppendLine("No questions.");
            return builder.ToString();
        }

        builder.AppendLine(CultureInfo.InvariantCulture, $"questions: {summary.Questions}, answered {summary.Answered} ({Share(summary.Answered, summary.Questions)})");
        builder.AppendLine(CultureInfo.InvariantCulture, $"ratings:   👍 {summary.Up}, 👎 {summary.Down}");
        builder.AppendLine("per day (UTC):");
        foreach (var day in summary.Days)
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"  {day.Day:yyyy-MM-dd} {day.Questions,6} questions, {day.Answered,6} answered ({Share(day.Answered, day.Questions)})");
        }

        if (summary.TopUnanswered.Count > 0)
        {
            builder.AppendLine("most frequent unanswered:");
            foreach (var question in summary.TopUnanswered)
            {
                builder.AppendLine(CultureInfo.InvariantCulture, $"  {question.Count,4}× {AnswerText.Shorten(TerminalText.Sanitise(question.Question), QuestionChars)}");
            }
        }

        return builder.ToString();
    }

    private static string Share(int part, int whole) => whole == 0 ? "n/a" : (part / (double)whole).ToString("0%", CultureInfo.InvariantCulture);

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, Math.Round(number, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Line(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Writer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
