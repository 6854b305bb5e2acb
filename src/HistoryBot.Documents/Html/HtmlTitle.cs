using AngleSharp.Dom;
using HistoryBot.Core.Corpus;

namespace HistoryBot.Documents.Html;

/// <summary>
/// The article's own title: its headline (the h1 of the article or main element, or the page's only h1), else the
/// extractor's title, else the page title; with the site's name cut off ("Lenin and Trotsky | History Site").
/// </summary>
internal static class HtmlTitle
{
    private static readonly string[] Separators = [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / "];

    public static string? Of(IDocument page, string? extractedTitle, string? siteName)
    {
        var headline = page.QuerySelector("article h1, main h1, [role=main] h1");
        if (headline is null && page.QuerySelectorAll("h1") is { Length: 1 } only)
        {
            headline = only[0];
        }

        var candidates = new[]
        {
            headline is null ? null : HtmlBlockWalker.TextOf(headline),
            extractedTitle,
            page.QuerySelector("meta[property='og:title']")?.GetAttribute("content"),
            page.Title,
        };
        var site = siteName ?? page.QuerySelector("meta[property='og:site_name']")?.GetAttribute("content");
        foreach (var candidate in candidates)
        {
            var title = CorpusDocumentBuilder.Collapse(candidate);
            if (title.Length > 0)
            {
                return WithoutSiteName(title, site);
            }
        }

        return null;
    }

    internal static string WithoutSiteName(string title, string? siteName)
    {
        foreach (var separator in Separators)
        {
            var parts = title.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            // The site's name is the part that names the site, else the last part, as in "Title | Site".
            if (siteName is not null && parts.Any(p => p.Equals(siteName, StringComparison.OrdinalIgnoreCase)))
            {
                return string.Join(separator, parts.Where(p => !p.Equals(siteName, StringComparison.OrdinalIgnoreCase)));
            }

            return string.Join(separator, parts[..^1]);
        }

        return title;
    }
}
