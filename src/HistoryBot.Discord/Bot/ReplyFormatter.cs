using System.Globalization;
using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Discord.Client.Api;

namespace HistoryBot.Discord.Bot;

/// <summary>Turns answers, search results and corpus stats into embeds that respect every Discord limit.</summary>
internal static class ReplyFormatter
{
    public const int Color = 0x8C6D46;
    public const int SeeAlsoCount = 2;
    public const int SeeAlsoLength = 350;
    public const int SearchHitCount = 5;
    public const int SearchSnippetLength = 400;

    public const int ReadingAsLength = 300;

    /// <summary>
    /// The answer as an embed. When <paramref name="followUp"/> was rewritten, the title is the question as asked and
    /// the description starts with what it was read as (the console chat's "reading it as" line). A decline is worded by
    /// its reason; small talk names the corpus of <paramref name="corpus"/> when given.
    /// </summary>
    public static Embed FormatAnswer(Answer answer, FollowUp? followUp = null, IAnswerService? corpus = null)
    {
        var rewritten = followUp is { IsRewritten: true } ? followUp : null;
        var title = DiscordText.EscapeWithin(rewritten?.Asked ?? answer.Question, EmbedLimits.Title);
        var note = rewritten is { } r ? ReadingAs(r.Resolved) : "";
        if (!answer.Answered || answer.Quote is not { } quote)
        {
            return FormatDecline(answer, title, note, corpus);
        }

        var footer = new EmbedFooter(DiscordText.Truncate(Source(quote.Title, quote.Section, quote.Page), EmbedLimits.FooterText));
        var fields = answer.Passages
            .Where(p => p.Passage.Id != quote.PassageId)
            .Take(SeeAlsoCount)
            .Select(p => new EmbedField(
                DiscordText.EscapeWithin("See also: " + Source(p.Passage.Title, p.Passage.Section, p.Passage.Page), EmbedLimits.FieldName),
                DiscordText.EscapeWithin(p.Passage.Text, SeeAlsoLength)))
            .Where(f => f.Name.Length > 0 && f.Value.Length > 0)
            .ToList();
        var used = title.Length + note.Length + footer.Text.Length + fields.Sum(f => f.Name.Length + f.Value.Length);
        var description = note + DiscordText.RenderWithin(quote.Text, Math.Min(EmbedLimits.Description - note.Length, EmbedLimits.Total - used));
        return EmbedLimits.FitTotal(new Embed(title, description, fields.Count > 0 ? fields : null, footer, Color));
    }

    public static Embed FormatSearch(SearchResult result)
    {
        var title = DiscordText.EscapeWithin("Search: " + result.Query, EmbedLimits.Title);
        if (result.Hits.Count == 0)
        {
            return new Embed(title, "No passage matches that query. Try fewer or different keywords.", Color: Color);
        }

        var shown = Math.Min(SearchHitCount, result.Hits.Count);
        var fields = result.Hits
            .Take(shown)
            .Select((hit, i) => new EmbedField(
                DiscordText.EscapeWithin($"{i + 1}. {Source(hit.Passage.Title, hit.Passage.Section, hit.Passage.Page)}", EmbedLimits.FieldName),
                DiscordText.RenderWithin(hit.Snippet, SearchSnippetLength)))
            .Where(f => f.Name.Length > 0 && f.Value.Length > 0)
            .ToList();
        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"{result.TotalHits} passage{(result.TotalHits == 1 ? "" : "s")} matched; the best {shown} below.");
        return EmbedLimits.FitTotal(new Embed(title, description, fields, Color: Color));
    }

    public static Embed FormatSearchError(string query, string error) => new(
        DiscordText.EscapeWithin("Search: " + query, EmbedLimits.Title),
        DiscordText.EscapeWithin(error, EmbedLimits.Description - 100) + "\nUse plain keywords, quotes for phrases, AND/OR/NOT.",
        Color: Color);

    /// <param name="embedding">How far a background embedding of the corpus is (a line of its own), if one runs.</param>
    public static Embed FormatAbout(IndexStats stats, IReadOnlyList<string> titles, DateTimeOffset? corpusChanged = null, string? embedding = null)
    {
        // Discord renders <t:unix:f> as a date and time in each reader's own time zone and language.
        var changed = corpusChanged is { } time
            ? string.Create(CultureInfo.InvariantCulture, $" It last changed <t:{time.ToUnixTimeSeconds()}:f>.")
            : string.Empty;
        var status = embedding is null ? string.Empty : "\n" + DiscordText.EscapeWithin(embedding, 300);
        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"""
            I answer history questions by quoting my corpus word for word, with the source.
            The corpus holds **{stats.Documents}** documents, **{stats.Sections}** sections and **{stats.Passages}** passages.{changed}{status}

            **How to ask**
            • `/ask question: who succeeded Lenin?`
            • mention me: `@HistoryBot when did Lenin die?`
            • `/search query: Trotsky exile` lists matching passages.
            • follow up in the same channel: `when did he die?`, `what about Trotsky?`
            """);
        var documents = titles.Count == 0 ? null : DiscordText.EscapeWithin(string.Join('\n', titles), EmbedLimits.FieldValue);
        var fields = documents is { Length: > 0 } ? new[] { new EmbedField("Documents", documents) } : null;
        return EmbedLimits.FitTotal(new Embed("About HistoryBot", description, fields, Color: Color));
    }

    public static string Help =>
        "Ask me a history question after the mention, e.g. `@HistoryBot who succeeded Lenin?`, or use `/ask`.";

    public static string CooldownNotice(TimeSpan retryAfter) => string.Create(
        CultureInfo.InvariantCulture,
        $"You're asking quickly: please wait {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s before the next question.");

    public const string Failure = "Sorry, something went wrong while answering. Please try again later.";

    /// <summary>"(reading it as: …)" in italics and a blank line, escaped and at most a few hundred characters.</summary>
    private static string ReadingAs(string resolved) =>
        "*(reading it as: " + DiscordText.EscapeWithin(resolved, ReadingAsLength) + ")*\n\n";

    private static Embed FormatDecline(Answer answer, string title, string note, IAnswerService? corpus)
    {
        var text = DeclineWording.For(answer, corpus?.Stats.Documents ?? 0, corpus?.DocumentTitles ?? []);
        if (answer.Reason != DeclineReason.NotFound)
        {
            // Small talk, another language, nothing to look up: the message says what to do; no search hint.
            return new Embed(title, note + DiscordText.EscapeWithin(text, EmbedLimits.Description - note.Length), Color: Color);
        }

        if (answer.Suggestions.Count > 0)
        {
            text += "\nThe corpus does cover: " + string.Join(", ", answer.Suggestions.Take(5)) + ".";
        }

        text += "\nTry rephrasing, or `/search` with keywords.";
        var escaped = DiscordText.EscapeWithin(text, EmbedLimits.Description - note.Length).Replace("\\`/search\\`", "`/search`", StringComparison.Ordinal);
        return new Embed(title, note + escaped, Color: Color);
    }

    private static string Source(string title, string? section, int? page)
    {
        var source = section is { Length: > 0 } ? $"{title} › {section}" : title;
        return page is { } number ? $"{source}, p. {number.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : source;
    }
}
