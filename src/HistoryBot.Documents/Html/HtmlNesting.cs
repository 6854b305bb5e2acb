using System.Text;

namespace HistoryBot.Documents.Html;

/// <summary>
/// Bounds how deeply a web page's elements nest before AngleSharp parses it, keeping all of its text. Measured (issue 21,
/// audit 3): 25,000 nested &lt;div&gt;s took 8 s, 100,000 took 127 s and 1,000,000 unclosed ones over 6.5 minutes, growing
/// with the square of the depth. AngleSharp's own <c>HtmlParserOptions.MaximumDepth</c> (512) only bounds the tree: past
/// it, elements are attached as siblings, but its tree builder still keeps every one of them on its stack of open
/// elements and scans that stack for nearly every tag ("a p element in button scope"), and SmartReader then scores tens of
/// thousands of siblings against each other. No package bounds the stack, so this pass does, over the raw bytes (tags are
/// ASCII in every encoding a page may declare, so the bytes need not be decoded and AngleSharp still detects the
/// encoding): an element that would open deeper than <see cref="MaxDepth"/> is left out with its end tag, its text stays
/// where it was, and a block element's text starts a paragraph of its own (a &lt;p&gt; in place of the tags).
/// </summary>
/// <remarks>
/// The depth is tracked with a model of the tree builder that knows void elements, raw-text elements (script, style, ...),
/// comments, quoted attributes, the end tags that close implicitly (p, li, dd/dt, option, table cells and rows, headings)
/// and end tags that match nothing. It errs on the deep side, so a page it leaves alone is never deeper than the limit
/// by much; for the rare page it edits, the edited part is flattened, never lost.
/// </remarks>
internal static partial class HtmlNesting
{
    /// <summary>
    /// Deepest nesting kept. Real pages nest 20–60 deep (Wikipedia about 25); Blink's parser caps the tree at 512 and
    /// AngleSharp at 512 too, so half of that leaves room for the elements the tree builder adds on its own.
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>Dropped elements an end tag is looked for among before it is taken for a stray one.</summary>
    private const int DroppedSearch = 64;

    /// <summary>
    /// <paramref name="content"/>, or a copy of it with the elements nested deeper than <paramref name="maxDepth"/>
    /// flattened; <paramref name="flattened"/> counts the tags left out.
    /// </summary>
    public static byte[] Limit(byte[] content, int maxDepth, out int flattened, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // UTF-16: its tags are not ASCII bytes. Scanned as UTF-8, which the BOM in front makes AngleSharp read it as.
            var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true).ReadToEnd())).ToArray();
            var limited = Limit(utf8, maxDepth, out flattened, cancellationToken);
            return flattened == 0 ? content : limited;
        }

        var scanner = new Scanner(content, maxDepth, cancellationToken);
        scanner.Run();
        flattened = scanner.Flattened;
        return scanner.Result();
    }
}
