using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using HistoryBot.Core.Corpus;
using HistoryBot.Documents.Zip;

namespace HistoryBot.Documents;

/// <summary>
/// Word documents (.docx) through the Open XML SDK: paragraphs in document order (table cells included), heading
/// styles ("Heading 1"… or an outline level) become sections, the "Title" style or the document's title property the
/// title. Tracked deletions, footnotes and comments are left out.
/// </summary>
public sealed class DocxDocumentReader(DocumentLimits? limits = null) : IDocumentReader
{
    private readonly DocumentLimits _limits = limits ?? new DocumentLimits();

    /// <summary>The first bytes of an OLE compound file: an encrypted .docx or an old binary .doc.</summary>
    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public IReadOnlyList<string> Extensions { get; } = [".docx"];

    public string Version => "docx-1";

    public DocumentReadResult Read(string id, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.AsSpan().StartsWith(CompoundFileSignature))
        {
            return DocumentReadResult.Unreadable("it is encrypted (password-protected) or an old binary Word file: save it as an unprotected .docx");
        }

        if (ZipGuard.Check(content, _limits, cancellationToken) is { } tooLarge)
        {
            return DocumentReadResult.Unreadable(tooLarge);
        }

        WordprocessingDocument word;
        try
        {
            word = WordprocessingDocument.Open(new MemoryStream(content, writable: false), isEditable: false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException)
        {
            return DocumentReadResult.Unreadable($"it is not a readable .docx (corrupt zip or package: {e.Message})");
        }

        using (word)
        {
            var body = word.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return DocumentReadResult.Unreadable("it has no document body");
            }

            var styles = StyleNames(word.MainDocumentPart!);
            var builder = new CorpusDocumentBuilder(id);
            var titleProperty = word.PackageProperties.Title;
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = TextOf(paragraph);
                var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
                var (name, level) = style is not null && styles.TryGetValue(style, out var known) ? known : (style ?? string.Empty, null);
                level ??= paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value;
                if (name.Equals("Title", StringComparison.OrdinalIgnoreCase) && !builder.HasTitle)
                {
                    builder.Title(text);
                }
                else if (name.Equals("Subtitle", StringComparison.OrdinalIgnoreCase) && !builder.HasParagraphs)
                {
                    continue;
                }
                else if (level is < 9 || name.StartsWith("heading", StringComparison.OrdinalIgnoreCase))
                {
                    builder.Heading(text);
                }
                else
                {
                    builder.Paragraph(text);
                }
            }

            // The title property goes first only when the body has no "Title" paragraph.
            if (!builder.HasTitle && !string.IsNullOrWhiteSpace(titleProperty))
            {
                var withTitle = new CorpusDocumentBuilder(id).Title(titleProperty);
                return Rebuild(withTitle, builder.Build());
            }

            return builder.HasParagraphs ? DocumentReadResult.Read(builder.Build()) : DocumentReadResult.Unreadable("it has no text");
        }
    }

    private static DocumentReadResult Rebuild(CorpusDocumentBuilder builder, CorpusDocument document)
    {
        foreach (var block in document.Blocks)
        {
            _ = block.Kind == BlockKind.Heading ? builder.Heading(block.Text) : builder.Paragraph(block.Text, block.Page);
        }

        return builder.HasParagraphs ? DocumentReadResult.Read(builder.Build()) : DocumentReadResult.Unreadable("it has no text");
    }

    /// <summary>Style id → (display name, outline level) from the styles part.</summary>
    private static Dictionary<string, (string Name, int? Level)> StyleNames(MainDocumentPart part)
    {
        var result = new Dictionary<string, (string, int?)>(StringComparer.Ordinal);
        var styles = part.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [];
        foreach (var style in styles)
        {
            if (style.StyleId?.Value is { } id)
            {
                result[id] = (style.StyleName?.Val?.Value ?? id, style.StyleParagraphProperties?.OutlineLevel?.Val?.Value);
            }
        }

        return result;
    }

    private static string TextOf(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t when t.Parent is Run:
                    text.Append(t.Text);
                    break;
                case TabChar or Break or CarriageReturn:
                    text.Append(' ');
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
            }
        }

        return text.ToString();
    }
}
