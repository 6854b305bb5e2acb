namespace HistoryBot.Documents.Html;

/// <summary>The element names the nesting model needs (HTML Standard, "Parsing HTML documents", 13.2.6).</summary>
internal static partial class HtmlNesting
{
    /// <summary>Elements with no content and no end tag: never opened.</summary>
    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen", "link",
        "meta", "param", "source", "track", "wbr",
    };

    /// <summary>Elements whose content is text up to their end tag (script data, raw text, RCDATA).</summary>
    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title",
    };

    /// <summary>Start tags that close an open p element ("close a p element" in the in-body rules).</summary>
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section", "summary",
        "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "li", "dd", "dt", "plaintext", "table", "xmp",
    };

    /// <summary>"Special" elements: a list item's implied end stops at them (but for address, div and p).</summary>
    private static readonly HashSet<string> Special = new(StringComparer.Ordinal)
    {
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br", "button",
        "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption",
        "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
        "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main", "marquee", "menu", "meta", "nav",
        "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script", "search", "section",
        "select", "source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead",
        "title", "tr", "track", "ul", "wbr", "xmp",
    };

    /// <summary>Where "has an element in scope" stops looking (the button scope adds button).</summary>
    private static readonly HashSet<string> ScopeBoundaries = new(StringComparer.Ordinal)
    {
        "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
    };

    /// <summary>Parts of a table: ignored outside a table, and closed back to their table context inside one.</summary>
    private static readonly HashSet<string> TableParts = new(StringComparer.Ordinal)
    {
        "caption", "colgroup", "tbody", "thead", "tfoot", "tr", "td", "th",
    };

    /// <summary>Elements whose text is a paragraph of its own once flattened (as <see cref="HtmlBlockWalker"/> reads them).</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "header", "hgroup", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "thead", "tfoot", "tr", "td", "th", "ul", "caption", "center", "h1", "h2", "h3", "h4", "h5", "h6", "search", "menu",
    };

    /// <summary>Names looked up without allocating a string per tag.</summary>
    private static readonly HashSet<string> Known = new(
        Void.Concat(RawText).Concat(ClosesParagraph).Concat(Special).Concat(TableParts).Concat(Blocks).Concat(
        [
            "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "label",
            "mark", "nobr", "option", "optgroup", "q", "rb", "rp", "rt", "rtc", "s", "samp", "small", "span", "strike", "strong",
            "sub", "sup", "svg", "math", "time", "tt", "u", "var", "picture", "video", "audio", "canvas", "slot", "output",
        ]),
        StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownBySpan = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsHeading(string name) => name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6';

    /// <summary>The tag name in lower case (ASCII letters only, as the tokenizer does): a shared string when known.</summary>
    private static string NameOf(ReadOnlySpan<byte> bytes)
    {
        Span<char> buffer = stackalloc char[Math.Min(bytes.Length, 64)];
        if (bytes.Length > buffer.Length)
        {
            return string.Create(bytes.Length, bytes.ToArray(), static (chars, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    chars[i] = (char)(source[i] is >= (byte)'A' and <= (byte)'Z' ? source[i] + 32 : source[i]);
                }
            });
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            buffer[i] = (char)(bytes[i] is >= (byte)'A' and <= (byte)'Z' ? bytes[i] + 32 : bytes[i]);
        }

        return KnownBySpan.TryGetValue(buffer, out var known) ? known : new string(buffer);
    }
}
