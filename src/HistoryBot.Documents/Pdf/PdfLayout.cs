using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace HistoryBot.Documents.Pdf;

/// <summary>One block of a page in reading order: its lines, where it stands, and its font size.</summary>
internal sealed record PdfBlock(
    int Page,
    IReadOnlyList<string> Lines,
    IReadOnlyList<double> LineLefts,
    double Left,
    double Top,
    double Bottom,
    double PageHeight,
    double FontSize,
    bool Bold)
{
    public string Text => string.Join(' ', Lines);
}

/// <summary>
/// Finds a page's lines and blocks. Words come from PdfPig's nearest-neighbour word extractor; lines are words on one
/// baseline, read top to bottom (the reading order of the single-column pages office suites export); a block ends where
/// the gap to the next line is wider than the page's usual line spacing, where the font size changes, or after a short
/// line that ends a sentence. PdfPig's Docstrum segmenter was tried first: on justified text it cut a line's widely
/// spaced words into blocks of their own and read them out of order.
/// </summary>
internal static partial class PdfLayout
{
    private sealed record Line(string Text, double Left, double Right, double Top, double Bottom, double Baseline, double Size, bool Bold);

    public static IReadOnlyList<PdfBlock> Blocks(Page page)
    {
        var lines = Lines(page);
        if (lines.Count == 0)
        {
            return [];
        }

        var spacing = UsualSpacing(lines);
        var right = lines.Max(l => l.Right);
        var left = lines.Min(l => l.Left);
        var blocks = new List<PdfBlock>();
        var current = new List<Line>();
        foreach (var line in lines)
        {
            if (current.Count > 0 && StartsNewBlock(current[^1], line, spacing, left, right))
            {
                blocks.Add(ToBlock(page, current));
                current = [];
            }

            current.Add(line);
        }

        blocks.Add(ToBlock(page, current));
        return blocks;
    }

    private static bool StartsNewBlock(Line previous, Line line, double spacing, double left, double right)
    {
        var gap = previous.Baseline - line.Baseline;
        if (gap > spacing * 1.3 || gap < 0 || Math.Abs(previous.Size - line.Size) > 0.6 || previous.Bold != line.Bold)
        {
            return true;
        }

        // A short last line that ends a sentence: the paragraph is over, even without extra spacing.
        var shortLine = previous.Right < left + (right - left) * 0.8;
        return shortLine && previous.Text.Length > 0 && ".!?\"”’:".Contains(previous.Text[^1], StringComparison.Ordinal);
    }

    /// <summary>The most common distance between the baselines of consecutive lines of one font size.</summary>
    private static double UsualSpacing(IReadOnlyList<Line> lines)
    {
        var gaps = new List<double>();
        for (var i = 1; i < lines.Count; i++)
        {
            var gap = lines[i - 1].Baseline - lines[i].Baseline;
            if (gap > 0 && gap < lines[i].Size * 3 && Math.Abs(lines[i - 1].Size - lines[i].Size) < 0.6)
            {
                gaps.Add(gap);
            }
        }

        return gaps.Count == 0 ? Median(lines.Select(l => l.Size)) * 1.2 : Percentile(gaps, 0.3);
    }

    private static List<Line> Lines(Page page)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters)
            .Where(w => !string.IsNullOrWhiteSpace(w.Text))
            .OrderByDescending(w => w.BoundingBox.Bottom)
            .ToList();
        var lines = new List<Line>();
        var current = new List<Word>();
        foreach (var word in words)
        {
            if (current.Count > 0 && Math.Abs(Baseline(current[0]) - Baseline(word)) > Size(current[0]) * 0.5)
            {
                lines.Add(ToLine(current));
                current = [];
            }

            current.Add(word);
        }

        if (current.Count > 0)
        {
            lines.Add(ToLine(current));
        }

        return lines;
    }

    private static double Baseline(Word word) => word.Letters.Count > 0 ? word.Letters[0].StartBaseLine.Y : word.BoundingBox.Bottom;

    private static double Size(Word word) => word.Letters.Count > 0 ? Math.Max(1, word.Letters.Max(l => l.PointSize)) : 10;

    private static Line ToLine(List<Word> words)
    {
        words.Sort((a, b) => a.BoundingBox.Left.CompareTo(b.BoundingBox.Left));
        var letters = words.SelectMany(w => w.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var bold = letters.Count > 0 && letters.All(l => l.FontDetails?.IsBold == true || (l.FontName ?? string.Empty).Contains("Bold", StringComparison.OrdinalIgnoreCase));
        return new Line(
            Normalise(string.Join(' ', words.Select(w => w.Text))),
            words.Min(w => w.BoundingBox.Left),
            words.Max(w => w.BoundingBox.Right),
            words.Max(w => w.BoundingBox.Top),
            words.Min(w => w.BoundingBox.Bottom),
            words.Average(Baseline),
            letters.Count == 0 ? 10 : Median(letters.Select(l => l.PointSize)),
            bold);
    }

    private static PdfBlock ToBlock(Page page, List<Line> lines) => new(
        page.Number,
        lines.Select(l => l.Text).ToList(),
        lines.Select(l => l.Left).ToList(),
        lines.Min(l => l.Left),
        lines.Max(l => l.Top),
        lines.Min(l => l.Bottom),
        page.Height,
        Median(lines.Select(l => l.Size)),
        lines.All(l => l.Bold));

    public static double Median(IEnumerable<double> values) => Percentile(values.ToList(), 0.5);

    private static double Percentile(List<double> values, double share)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        return values[(int)Math.Min(values.Count - 1, values.Count * share)];
    }

    private static string Normalise(string line)
    {
        var text = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            // Ligatures that some fonts map to one glyph; the text must read as words.
            _ = c switch
            {
                '\uFB00' => text.Append("ff"),
                '\uFB01' => text.Append("fi"),
                '\uFB02' => text.Append("fl"),
                '\uFB03' => text.Append("ffi"),
                '\uFB04' => text.Append("ffl"),
                _ => text.Append(c),
            };
        }

        return Spaces().Replace(text.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
