using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HistoryBot.Core.Corpus;

/// <summary>
/// Markdown (.md) through Markdig, a small dependency-free CommonMark parser: headings become sections (a leading
/// "# " heading is the title), paragraphs, list items and block quotes become paragraphs with their markup removed
/// (so quotes read "the Tsar's army", not "the **Tsar's** army"); code and raw HTML blocks are left out.
/// </summary>
internal sealed class MarkdownReader : IDocumentReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    public IReadOnlyList<string> Extensions { get; } = [".md", ".markdown"];

    public string Version => "markdown-3";

    public DocumentReadResult Read(string id, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = TextFileDecoder.TryDecode(content, out var reason);
        if (text is null)
        {
            return DocumentReadResult.Unreadable(reason!);
        }

        var builder = new CorpusDocumentBuilder(id);
        Walk(Markdown.Parse(text, Pipeline), builder, cancellationToken);
        return builder.HasParagraphs ? DocumentReadResult.Read(builder.Build()) : DocumentReadResult.Unreadable("it has no text");
    }

    private static void Walk(ContainerBlock container, CorpusDocumentBuilder builder, CancellationToken cancellationToken)
    {
        foreach (var block in container)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (block)
            {
                case HeadingBlock heading when heading.Level == 1 && !builder.HasParagraphs && !builder.HasTitle:
                    builder.Title(InlineText(heading.Inline));
                    break;
                case HeadingBlock heading:
                    builder.Heading(InlineText(heading.Inline));
                    break;
                case ParagraphBlock paragraph:
                    builder.Paragraph(InlineText(paragraph.Inline));
                    break;
                case ContainerBlock inner:
                    Walk(inner, builder, cancellationToken);
                    break;
            }
        }
    }

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline, text);
        return text.ToString();
    }

    private static void Append(ContainerInline? container, StringBuilder text)
    {
        if (container is null)
        {
            return;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case LinkInline { IsImage: true }:
                    break;
                case ContainerInline inner:
                    Append(inner, text);
                    break;
            }
        }
    }
}
