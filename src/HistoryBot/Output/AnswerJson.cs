using System.Text.Encodings.Web;
using System.Text.Json;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Retrieval;

namespace HistoryBot.Cli.Output;

/// <summary>The `ask --json` and `search --json` contracts: other tools depend on these names.</summary>
public static class AnswerJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            write(json);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Serialize(Answer answer) => Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("question", answer.Question);
            json.WriteBoolean("answered", answer.Answered);
            if (answer.Quote is { } quote && answer.Answered)
            {
                json.WriteStartObject("answer");
                json.WriteString("quote", quote.Text.Text);
                json.WriteString("document", quote.DocumentId);
                WriteSection(json, quote.Section);
                WritePage(json, quote.Page);
                json.WriteNumber("score", quote.Score);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("answer");
            }

            json.WriteStartArray("passages");
            foreach (var passage in answer.Passages)
            {
                json.WriteStartObject();
                json.WriteString("id", passage.Passage.Id);
                json.WriteString("document", passage.Passage.DocumentId);
                WriteSection(json, passage.Passage.Section);
                WritePage(json, passage.Passage.Page);
                json.WriteString("text", passage.Passage.Text);
                json.WriteNumber("score", passage.Score);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (!answer.Answered)
            {
                // Why nothing was quoted: "not-found", "smalltalk", "language" or "empty" (README: ask --json).
                json.WriteString("reason", DeclineReasons.JsonName(answer.Reason ?? DeclineReason.NotFound));
                if (answer.Reason == DeclineReason.Language)
                {
                    WriteNullable(json, "language", answer.Language);
                }

                json.WriteStartArray("suggestions");
                foreach (var suggestion in answer.Suggestions)
                {
                    json.WriteStringValue(suggestion);
                }

                json.WriteEndArray();
            }

            json.WriteString("retrieval", RetrievalName(answer.Retrieval));
            json.WriteNumber("elapsedMs", Math.Round(answer.Elapsed.TotalMilliseconds, 2));
            json.WriteEndObject();
        });

    /// <summary>"hybrid" or "lexical": the retrieval that answered, as `ask --json` and `--verbose` name it.</summary>
    public static string RetrievalName(RetrievalMode mode) => mode == RetrievalMode.Hybrid ? "hybrid" : "lexical";

    public static string Serialize(SearchResult result) => Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("query", result.Query);
            json.WriteNumber("totalHits", result.TotalHits);
            json.WriteStartArray("hits");
            foreach (var hit in result.Hits)
            {
                json.WriteStartObject();
                json.WriteString("id", hit.Passage.Id);
                json.WriteString("document", hit.Passage.DocumentId);
                WriteSection(json, hit.Passage.Section);
                WritePage(json, hit.Passage.Page);
                json.WriteNumber("score", Math.Round(hit.Score, 4));
                json.WriteString("snippet", hit.Snippet.Text);
                json.WriteString("highlighted", hit.Snippet.Render("**", "**"));
                json.WriteString("text", hit.Passage.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("elapsedMs", Math.Round(result.Elapsed.TotalMilliseconds, 2));
            json.WriteEndObject();
        });

    private static void WriteSection(Utf8JsonWriter json, string? section) => WriteNullable(json, "section", section);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>"page": the page number in formats with pages (PDF), null elsewhere.</summary>
    private static void WritePage(Utf8JsonWriter json, int? page)
    {
        if (page is { } number)
        {
            json.WriteNumber("page", number);
        }
        else
        {
            json.WriteNull("page");
        }
    }
}
