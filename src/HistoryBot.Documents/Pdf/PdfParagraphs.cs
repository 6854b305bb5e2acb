using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HistoryBot.Documents.Pdf;

/// <summary>A paragraph or heading recovered from the blocks of a PDF, with the page it starts on.</summary>
internal sealed record PdfParagraph(string Text, int Page, bool IsHeading, double FontSize);

/// <summary>
/// Turns the blocks of every page into paragraphs: drops page furniture (a line at the top or bottom of the page that
/// repeats on other pages once digits are ignored, and lone page numbers), joins a block's lines, rejoins words
/// hyphenated across a line break, splits a block at an indented first line, carries a paragraph on across a page break,
/// and tells headings (a short line in a bigger or bold font) from body text.
/// </summary>
internal static partial class PdfParagraphs
{
    /// <summary>The share of the page height at the top and bottom where headers, footers and page numbers stand.</summary>
    private const double MarginShare = 0.1;

    public static IReadOnlyList<PdfParagraph> From(IReadOnlyList<PdfBlock> blocks, int pageCount)
    {
        var edges = EdgeBlocks(blocks);
        var furniture = RepeatedFurniture(edges, pageCount);
        var body = blocks.Where(b => !(edges.Contains(b) && (furniture.Contains(Key(b)) || PageNumber().IsMatch(b.Text)))).ToList();
        var bodySize = PdfLayout.Median(body.SelectMany(b => b.Lines.Select(_ => b.FontSize)));
        var vocabulary = Vocabulary(body);
        var paragraphs = new List<PdfParagraph>();
        foreach (var block in body)
        {
            if (LooksLikeHeading(block, bodySize))
            {
                // A heading wrapped onto two lines may come as two blocks.
                var previous = paragraphs.Count > 0 ? paragraphs[^1] : null;
                if (previous is { IsHeading: true } && previous.Page == block.Page && Math.Abs(previous.FontSize - block.FontSize) < 0.6)
                {
                    paragraphs[^1] = previous with { Text = previous.Text + " " + block.Text };
                }
                else
                {
                    paragraphs.Add(new PdfParagraph(block.Text, block.Page, true, block.FontSize));
                }

                continue;
            }

            foreach (var text in SplitAtIndents(block, vocabulary))
            {
                var last = paragraphs.Count > 0 ? paragraphs[^1] : null;
                if (last is { IsHeading: false } && last.Page < block.Page && ContinuesOnNextPage(last.Text, text))
                {
                    paragraphs[^1] = last with { Text = Join(last.Text, text, vocabulary) };
                    continue;
                }

                paragraphs.Add(new PdfParagraph(text, block.Page, false, block.FontSize));
            }
        }

        return paragraphs;
    }

    private static bool LooksLikeHeading(PdfBlock block, double bodySize)
    {
        var text = block.Text;
        if (block.Lines.Count > 3 || text.Length > 150 || text.Length == 0 || ".,;:!?".Contains(text[^1], StringComparison.Ordinal))
        {
            return false;
        }

        return block.FontSize > bodySize * 1.12 || (block.Bold && text.Length < 100);
    }

    private static bool ContinuesOnNextPage(string previous, string next) =>
        previous.Length > 0 && next.Length > 0 && !".!?:\"”’)".Contains(previous[^1], StringComparison.Ordinal) && char.IsLower(next[0]);

    /// <summary>The first and last block of every page, and any block in its top or bottom margin.</summary>
    private static HashSet<PdfBlock> EdgeBlocks(IReadOnlyList<PdfBlock> blocks)
    {
        var edges = new HashSet<PdfBlock>(ReferenceEqualityComparer.Instance);
        foreach (var page in blocks.GroupBy(b => b.Page))
        {
            edges.Add(page.MaxBy(b => b.Top)!);
            edges.Add(page.MinBy(b => b.Bottom)!);
            edges.UnionWith(page.Where(b => b.Bottom >= b.PageHeight * (1 - MarginShare) || b.Top <= b.PageHeight * MarginShare));
        }

        return edges;
    }

    /// <summary>Texts (digits ignored) of edge blocks that stand on many pages: running headers and footers.</summary>
    private static HashSet<string> RepeatedFurniture(IEnumerable<PdfBlock> edges, int pageCount)
    {
        if (pageCount < 2)
        {
            return [];
        }

        var needed = Math.Max(2, (int)Math.Ceiling(pageCount * 0.4));
        return edges.GroupBy(Key, StringComparer.Ordinal)
            .Where(g => g.Select(b => b.Page).Distinct().Count() >= needed)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The block's text with digits ignored: "Page 3 of 12" and "Page 4 of 12" are the same footer.</summary>
    private static string Key(PdfBlock block) => Digits().Replace(block.Text.ToLowerInvariant(), "#");

    /// <summary>Splits a block where a line starts indented after a line that ended a sentence.</summary>
    private static IEnumerable<string> SplitAtIndents(PdfBlock block, HashSet<string> vocabulary)
    {
        var left = block.LineLefts.Count == 0 ? block.Left : block.LineLefts.Min();
        var indent = Math.Max(2.0, block.FontSize * 0.8);
        var current = string.Empty;
        for (var i = 0; i < block.Lines.Count; i++)
        {
            var line = block.Lines[i];
            var indented = i > 0 && block.LineLefts[i] - left > indent && current.Length > 0 && ".!?\"”’)".Contains(current[^1], StringComparison.Ordinal);
            if (indented)
            {
                yield return current;
                current = string.Empty;
            }

            current = current.Length == 0 ? line : Join(current, line, vocabulary);
        }

        if (current.Length > 0)
        {
            yield return current;
        }
    }

    /// <summary>
    /// Joins two lines. A word broken by a hyphen at the end of the first ("revolu-" + "tionary") is rejoined without it
    /// when the joined word is used elsewhere in the document or the hyphenated one is not; "nineteenth-" + "century",
    /// seen hyphenated elsewhere, keeps its hyphen; a hyphen before a digit or capital ("1917-" + "1918") always stays.
    /// </summary>
    internal static string Join(string first, string second, HashSet<string> vocabulary)
    {
        if (first.Length >= 2 && first[^1] is '-' or '\u00AD' or '\u2010' && char.IsLetter(first[^2]) && second.Length > 0 && char.IsLower(second[0]))
        {
            var head = LastWord(first[..^1]);
            var tail = FirstWord(second);
            var joined = (head + tail).ToLowerInvariant();
            var hyphenated = (head + "-" + tail).ToLowerInvariant();
            var keepHyphen = first[^1] != '\u00AD' && vocabulary.Contains(hyphenated) && !vocabulary.Contains(joined);
            return keepHyphen ? first[..^1] + "-" + second : first[..^1] + second;
        }

        if (first.Length > 0 && first[^1] is '-' or '\u2010' or '/')
        {
            return first + second;
        }

        return first + " " + second;
    }

    private static HashSet<string> Vocabulary(IEnumerable<PdfBlock> blocks)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in blocks.SelectMany(b => b.Lines))
        {
            foreach (Match match in Word().Matches(line))
            {
                // Only words inside a line count: a word at a line's end may itself be a broken half.
                if (match.Index + match.Length < line.Length)
                {
                    words.Add(match.Value.ToLower(CultureInfo.InvariantCulture));
                }
            }
        }

        return words;
    }

    private static string LastWord(string text)
    {
        var i = text.Length;
        while (i > 0 && (char.IsLetter(text[i - 1]) || text[i - 1] == '-'))
        {
            i--;
        }

        return text[i..];
    }

    private static string FirstWord(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                break;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\s*(page\s+)?[-–—(\[]?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?\s*((of|/)\s*\d{1,4})?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"[\p{L}][\p{L}-]*[\p{L}]")]
    private static partial Regex Word();
}
