using System.Globalization;
using System.Text;
using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;

namespace HistoryBot.Cli.Output;

/// <summary>
/// Renders answers and search hits for a person: bold on a terminal, **Markdown bold** when piped. A decline is worded
/// by its reason; small talk names the corpus of <paramref name="corpus"/> when given.
/// </summary>
public sealed class AnswerText(bool terminal, IAnswerService? corpus = null)
{
    private const int SeeAlsoChars = 160;

    public string Emphasise(HighlightedText text) =>
        terminal ? text.Render("\u001b[1m", "\u001b[0m", TerminalText.Sanitise) : text.Render("**", "**", TerminalText.Sanitise);

    public string Format(Answer answer, int seeAlso = 2)
    {
        var builder = new StringBuilder();
        if (!answer.Answered || answer.Quote is null)
        {
            builder.AppendLine(TerminalText.Sanitise(
                DeclineWording.For(answer, corpus?.Stats.Documents ?? 0, corpus?.DocumentTitles ?? [])));
            if (answer.Reason == DeclineReason.NotFound && answer.Suggestions.Count > 0)
            {
                builder.Append("Closest sections: ").AppendLine(string.Join("; ", answer.Suggestions.Select(TerminalText.Escape)));
            }

            return builder.ToString();
        }

        var quote = answer.Quote;
        builder.Append('“').Append(Emphasise(quote.Text)).AppendLine("”");
        builder.Append("  — ").Append(Source(quote.DocumentId, quote.Section, quote.Page))
            .AppendLine(string.Create(CultureInfo.InvariantCulture, $" (score {quote.Score:0.00})"));
        var others = answer.Passages.Where(p => p.Passage.Id != quote.PassageId).Take(seeAlso).ToList();
        if (others.Count > 0)
        {
            builder.AppendLine("See also:");
            foreach (var other in others)
            {
                builder.Append("  • ").Append(Source(other.Passage.DocumentId, other.Passage.Section, other.Passage.Page)).Append(": ")
                    .AppendLine(Shorten(TerminalText.Sanitise(other.Passage.Text), SeeAlsoChars));
            }
        }

        return builder.ToString();
    }

    public string Format(SearchResult result)
    {
        var builder = new StringBuilder();
        if (result.Hits.Count == 0)
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"No passages match \"{TerminalText.Sanitise(result.Query)}\".");
            return builder.ToString();
        }

        builder.AppendLine(CultureInfo.InvariantCulture, $"{result.TotalHits:N0} passage(s) match; showing {result.Hits.Count}.");
        var rank = 1;
        foreach (var hit in result.Hits)
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"{rank++}. {Source(hit.Passage.DocumentId, hit.Passage.Section, hit.Passage.Page)}  [{TerminalText.Escape(hit.Passage.Id)}, score {hit.Score:0.000}]");
            builder.Append("   ").AppendLine(Emphasise(hit.Snippet));
        }

        return builder.ToString();
    }

    /// <summary>
    /// "file.pdf, section “Heading”, p. 12" (the page only for formats that have pages), with any control character in
    /// the file name or section shown escaped; a Discord server's upload says whose it is (the console sees them all).
    /// </summary>
    public static string Source(string document, string? section, int? page = null)
    {
        var source = section is null ? TerminalText.Escape(document) : $"{TerminalText.Escape(document)}, section “{TerminalText.Escape(section)}”";
        source = page is { } number ? string.Create(CultureInfo.InvariantCulture, $"{source}, p. {number}") : source;
        return DocumentScopes.Of(document) is { } server ? $"{source} (uploaded in Discord server {TerminalText.Escape(server)})" : source;
    }

    public static string Shorten(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', max - 1);
        return (cut > max / 2 ? flat[..cut] : flat[..max]) + "…";
    }
}
