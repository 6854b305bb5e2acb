using System.Text;

namespace HistoryBot.Core.Corpus;

/// <summary>
/// Builds a <see cref="CorpusDocument"/> from text extracted out of a structured format: the title, headings and
/// paragraphs are laid out one block each, separated by blank lines, and that text is what answers quote.
/// Whitespace inside a block is collapsed to single spaces.
/// </summary>
public sealed class CorpusDocumentBuilder(string id)
{
    private readonly StringBuilder _text = new();
    private readonly List<TextBlock> _blocks = [];
    private string? _title;

    /// <summary>True once a paragraph with text was added.</summary>
    public bool HasParagraphs => _blocks.Any(b => b.Kind == BlockKind.Paragraph);

    /// <summary>True once a title was set.</summary>
    public bool HasTitle => _title is not null;

    /// <summary>The title, when none was set yet; later calls are ignored. Not quoted, but searchable.</summary>
    public CorpusDocumentBuilder Title(string? title)
    {
        var clean = Collapse(title);
        if (_title is null && clean.Length > 0)
        {
            _title = clean;
            Add(BlockKind.Title, clean, null);
        }

        return this;
    }

    /// <summary>A section heading: the passages after it stand in that section.</summary>
    /// A heading that repeats the title before any text, or the heading just before it, is left out.
    public CorpusDocumentBuilder Heading(string? heading)
    {
        var clean = Collapse(heading);
        var repeatsTitle = !HasParagraphs && string.Equals(clean, _title, StringComparison.OrdinalIgnoreCase);
        var repeatsHeading = _blocks.Count > 0 && _blocks[^1].Kind == BlockKind.Heading
            && string.Equals(clean, _blocks[^1].Text, StringComparison.OrdinalIgnoreCase);
        return repeatsTitle || repeatsHeading ? this : Add(BlockKind.Heading, clean, null);
    }

    /// <summary>A paragraph of body text, on <paramref name="page"/> when the format has pages.</summary>
    public CorpusDocumentBuilder Paragraph(string? paragraph, int? page = null) => Add(BlockKind.Paragraph, Collapse(paragraph), page);

    public CorpusDocument Build() =>
        new(id, _title ?? DocumentParser.TitleFromFileName(id), _text.ToString(), _blocks.ToList());

    private CorpusDocumentBuilder Add(BlockKind kind, string text, int? page)
    {
        if (text.Length == 0)
        {
            return this;
        }

        if (_text.Length > 0)
        {
            _text.Append("\n\n");
        }

        _blocks.Add(new TextBlock(kind, _text.Length, text.Length, text, page));
        _text.Append(text);
        return this;
    }

    /// <summary>Collapses runs of whitespace (including line breaks and no-break spaces) to one space, and trims.</summary>
    public static string Collapse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '\u00AD' or '\u200B')
            {
                space |= c is not ('\u00AD' or '\u200B');
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
