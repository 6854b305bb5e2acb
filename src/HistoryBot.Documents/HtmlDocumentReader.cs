using System.Globalization;
using AngleSharp.Html.Dom;
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

    /// <summary>
    /// Pages with more elements are not given to the extractor, and are read whole without their furniture: SmartReader's
    /// time grows with the square of a page's size (measured, CPU time, paragraphs of 80 characters: 10,000 elements
    /// 1.6 s, 20,000 5 s, 40,000 15 s; a 15 MB page took over ten minutes) and it can't be cancelled. A long Wikipedia
    /// article has 5,000–15,000 elements.
    /// </summary>
    internal const int MaxElementsForExtraction = 15_000;

    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm", ".xhtml"];

    public string Version => "html-3";

    public DocumentReadResult Read(string id, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.LongLength > _limits.MaxHtmlMegabytes * (1L << 20))
        {
            return DocumentReadResult.Unreadable(string.Create(
                CultureInfo.InvariantCulture,
                $"it is too large to read safely: {content.LongLength / (double)(1 << 20):N1} MB, more than {_limits.MaxHtmlMegabytes:N0} MB (Index:Limits:MaxHtmlMegabytes)"));
        }

        if (BinaryContent.Reason(content) is { } binary)
        {
            return DocumentReadResult.Unreadable(binary);
        }

        // Deeply nested pages are flattened first: parsing them as they are grows with the square of the depth.
        var limited = HtmlNesting.Limit(content, HtmlNesting.MaxDepth, out var flattened, cancellationToken);
        var parser = new HtmlParser();
        using var page = Parse(parser, limited, cancellationToken);
        HtmlBoilerplate.Remove(page);
        using var headlineSource = Parse(parser, limited, cancellationToken);
        HtmlBoilerplate.Remove(headlineSource);

        var article = new Reader("file:///" + Uri.EscapeDataString(id), page) { MaxElemsToParse = MaxElementsForExtraction }.GetArticle();
        var builder = new CorpusDocumentBuilder(id);
        builder.Title(HtmlTitle.Of(headlineSource, article.Title, article.SiteName));
        if (article.IsReadable && !string.IsNullOrWhiteSpace(article.Content))
        {
            using var extracted = parser.ParseDocument(article.Content);
            HtmlBlockWalker.Walk(extracted.Body!, builder, cancellationToken);
        }

        if (!builder.HasParagraphs && headlineSource.Body is { } body)
        {
            // Too short for the extractor to call it an article, or too large to give it: take the page without its furniture.
            HtmlBlockWalker.Walk(body, builder, cancellationToken);
        }

        if (!builder.HasParagraphs)
        {
            return DocumentReadResult.Unreadable("it has no text");
        }

        return DocumentReadResult.Read(builder.Build()) with
        {
            Note = flattened == 0 ? null : string.Create(
                CultureInfo.InvariantCulture,
                $"its elements nest deeper than {HtmlNesting.MaxDepth} levels; {flattened:N0} tags beyond that were flattened (their text is kept)"),
        };
    }

    /// <summary>Parses a page, stopping between two tags when <paramref name="cancellationToken"/> is cancelled.</summary>
    internal static IHtmlDocument Parse(HtmlParser parser, byte[] content, CancellationToken cancellationToken) =>
        parser.ParseDocumentAsync(new MemoryStream(content, writable: false), cancellationToken).GetAwaiter().GetResult();
}
