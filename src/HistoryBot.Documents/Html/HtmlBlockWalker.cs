using System.Text;
using AngleSharp.Dom;
using HistoryBot.Core.Corpus;

namespace HistoryBot.Documents.Html;

/// <summary>
/// Turns an HTML element's content into blocks: h1–h6 become headings, every other block element (p, li, blockquote,
/// a table row, ...) a paragraph of its text; scripts, styles, forms, navigation and images are left out.
/// </summary>
internal static class HtmlBlockWalker
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
        "img", "picture", "button", "select", "input", "textarea", "form", "nav", "head", "title", "meta", "link",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "header", "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "thead", "tfoot", "ul", "caption", "center",
    };

    /// <summary>Adds the blocks of <paramref name="root"/>'s content to <paramref name="builder"/>.</summary>
    public static void Walk(INode root, CorpusDocumentBuilder builder, CancellationToken cancellationToken)
    {
        var inline = new StringBuilder();
        WalkChildren(root, builder, inline, cancellationToken);
        Flush(builder, inline);
    }

    /// <summary>The visible text of an element (no scripts, styles or images), whitespace collapsed.</summary>
    public static string TextOf(INode node)
    {
        var text = new StringBuilder();
        AppendText(node, text);
        return CorpusDocumentBuilder.Collapse(text.ToString());
    }

    public static bool IsHeading(IElement element) =>
        element.LocalName.Length == 2 && element.LocalName[0] is 'h' or 'H' && element.LocalName[1] is >= '1' and <= '6';

    private static void WalkChildren(INode node, CorpusDocumentBuilder builder, StringBuilder inline, CancellationToken cancellationToken)
    {
        foreach (var child in node.ChildNodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (child)
            {
                case IText text:
                    inline.Append(text.Data);
                    break;
                case IElement element when Skipped.Contains(element.LocalName) || element.HasAttribute("hidden"):
                    break;
                case IElement element when IsHeading(element):
                    Flush(builder, inline);
                    builder.Heading(TextOf(element));
                    break;
                case IElement element when element.LocalName.Equals("tr", StringComparison.OrdinalIgnoreCase):
                    Flush(builder, inline);
                    builder.Paragraph(string.Join("; ", element.Children.Select(TextOf).Where(t => t.Length > 0)));
                    break;
                case IElement element when element.LocalName.Equals("br", StringComparison.OrdinalIgnoreCase):
                    inline.Append(' ');
                    break;
                case IElement element when Blocks.Contains(element.LocalName):
                    Flush(builder, inline);
                    WalkChildren(element, builder, inline, cancellationToken);
                    Flush(builder, inline);
                    break;
                case IElement element:
                    WalkChildren(element, builder, inline, cancellationToken);
                    break;
            }
        }
    }

    private static void AppendText(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement element when Skipped.Contains(element.LocalName):
                    break;
                case IElement element when element.LocalName.Equals("br", StringComparison.OrdinalIgnoreCase):
                    text.Append(' ');
                    break;
                case IElement element:
                    if (Blocks.Contains(element.LocalName))
                    {
                        text.Append(' ');
                    }

                    AppendText(element, text);
                    break;
            }
        }
    }

    private static void Flush(CorpusDocumentBuilder builder, StringBuilder inline)
    {
        if (inline.Length > 0)
        {
            builder.Paragraph(inline.ToString());
            inline.Clear();
        }
    }
}
