using System.Globalization;
using AngleSharp.Html.Parser;
using HistoryBot.Core.Corpus;
using HistoryBot.Documents.Html;
using SmartReader;

namespace HistoryBot.Documents;

/// <summary>
/// Web pages (.html, .htm): the main content only, found by SmartReader (a port of Mozilla's Readability) after the
/// obvious page furniture is removed; h1–h6 become sections, and the title is the article's headline without the
/// site's name.
/// </summary>
public sealed class HtmlDocumentReader(DocumentLimits? limits = null) : IDocumentReader
{
    private readonly DocumentLimits _limits = limits ?? new DocumentLimits();

    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm", ".xhtml"];

    public string Version => "html-1";

    public DocumentReadResult Read(string id, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.LongLength > _limits.MaxHtmlMegabytes * (1L << 20))
        {
            return DocumentReadResult.Unreadable(string.Create(
                CultureInfo.InvariantCulture,
                $"it is too large to read safely: {content.LongLength / (double)(1 << 20):N1} MB, more than {_limits.MaxHtmlMegabytes:N0} MB (Index:Limits:MaxHtmlMegabytes)"));
        }

        var parser = new HtmlParser();
        using var page = parser.ParseDocument(new MemoryStream(content, writable: false));
        HtmlBoilerplate.Remove(page);
        using var headlineSource = parser.ParseDocument(new MemoryStream(content, writable: false));
        HtmlBoilerplate.Remove(headlineSource);

        var article = new Reader("file:///" + Uri.EscapeDataString(id), page).GetArticle();
        var builder = new CorpusDocumentBuilder(id);
        builder.Title(HtmlTitle.Of(headlineSource, article.Title, article.SiteName));
        if (article.IsReadable && !string.IsNullOrWhiteSpace(article.Content))
        {
            using var extracted = parser.ParseDocument(article.Content);
            HtmlBlockWalker.Walk(extracted.Body!, builder, cancellationToken);
        }

        if (!builder.HasParagraphs && headlineSource.Body is { } body)
        {
            // Too short for the extractor to call it an article: take the page without its furniture.
            HtmlBlockWalker.Walk(body, builder, cancellationToken);
        }

        return builder.HasParagraphs ? DocumentReadResult.Read(builder.Build()) : DocumentReadResult.Unreadable("it has no text");
    }
}
