namespace HistoryBot.Core.Corpus;

/// <summary>
/// Splits a plain-text document into blocks separated by blank lines, and tells headings from paragraphs: a short line
/// with no final sentence punctuation standing alone is a heading, and the first block, when it is one, the title.
/// (Markdown goes through <see cref="MarkdownReader"/>.)
/// </summary>
internal static class DocumentParser
{
    private const int MaxHeadingLength = 100;
    private const int MaxHeadingWords = 12;

    public static CorpusDocument Parse(string id, string text)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        var raw = SplitBlocks(text);
        var blocks = new List<TextBlock>(raw.Count);
        string? title = null;
        for (var i = 0; i < raw.Count; i++)
        {
            var (start, length) = raw[i];
            var blockText = text.Substring(start, length);
            if (LooksLikeHeading(blockText))
            {
                if (i == 0)
                {
                    title = blockText.Trim();
                    blocks.Add(new TextBlock(BlockKind.Title, start, length, title));
                }
                else
                {
                    blocks.Add(new TextBlock(BlockKind.Heading, start, length, blockText.Trim()));
                }

                continue;
            }

            blocks.Add(new TextBlock(BlockKind.Paragraph, start, length, blockText));
        }

        return new CorpusDocument(id, title ?? TitleFromFileName(id), text, blocks);
    }

    /// <summary>A single short line with no final sentence punctuation.</summary>
    internal static bool LooksLikeHeading(string block)
    {
        var line = block.Trim();
        if (line.Length == 0 || line.Length > MaxHeadingLength || line.Contains('\n'))
        {
            return false;
        }

        var last = line[^1];
        if (last is '.' or '!' or '?' or ':' or ';' or ',' or '"' or '\'' or '”' or '’' or ')' or '…')
        {
            return false;
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= MaxHeadingWords && line.Any(char.IsLetter);
    }

    internal static string TitleFromFileName(string id)
    {
        var name = Path.GetFileNameWithoutExtension(id.Replace('/', Path.DirectorySeparatorChar));
        var spaced = name.Replace('-', ' ').Replace('_', ' ').Trim();
        return spaced.Length == 0 ? id : char.ToUpperInvariant(spaced[0]) + spaced[1..];
    }

    private static List<(int Start, int Length)> SplitBlocks(string text)
    {
        var blocks = new List<(int, int)>();
        var blockStart = -1;
        var blockEnd = -1;
        var pos = 0;
        while (pos <= text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var lineEnd = nl < 0 ? text.Length : nl;
            var contentStart = pos;
            var contentEnd = lineEnd;
            while (contentStart < contentEnd && char.IsWhiteSpace(text[contentStart]))
            {
                contentStart++;
            }

            while (contentEnd > contentStart && char.IsWhiteSpace(text[contentEnd - 1]))
            {
                contentEnd--;
            }

            if (contentStart == contentEnd)
            {
                Flush();
            }
            else
            {
                if (blockStart < 0)
                {
                    blockStart = contentStart;
                }

                blockEnd = contentEnd;
            }

            if (nl < 0)
            {
                break;
            }

            pos = nl + 1;
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (blockStart >= 0)
            {
                blocks.Add((blockStart, blockEnd - blockStart));
                blockStart = -1;
            }
        }
    }
}
