using System.Text;

namespace HistoryBot.Documents.Html;

internal static partial class HtmlNesting
{
    /// <summary>The scanner's reading of the bytes: a tag's name and end, raw text, comments.</summary>
    private sealed partial class Scanner
    {
        /// <summary>
        /// Reads a tag's name (at <paramref name="nameStart"/>) and attributes, quoted values included; returns the
        /// position after its '&gt;', or -1 when the file ends first.
        /// </summary>
        private int ReadTag(int nameStart, out string name, out bool selfClosing)
        {
            var nameEnd = nameStart;
            while (nameEnd < content.Length && !IsSpace(content[nameEnd]) && content[nameEnd] is not (byte)'/' and not (byte)'>')
            {
                nameEnd++;
            }

            name = NameOf(content.AsSpan(nameStart, nameEnd - nameStart));
            selfClosing = false;
            var j = nameEnd;
            while (j < content.Length)
            {
                switch (content[j])
                {
                    case (byte)'>':
                        return j + 1;
                    case (byte)'/' when j + 1 < content.Length && content[j + 1] == '>':
                        selfClosing = true;
                        return j + 2;
                    case (byte)'=':
                        j++;
                        while (j < content.Length && IsSpace(content[j]))
                        {
                            j++;
                        }

                        if (j < content.Length && content[j] is (byte)'"' or (byte)'\'')
                        {
                            var close = content.AsSpan(j + 1).IndexOf(content[j]);
                            j = close < 0 ? content.Length : j + close + 2;
                        }

                        continue;
                }

                j++;
            }

            return -1;
        }

        /// <summary>Skips a script's, style's or title's text and its end tag (a kept element: it nests nothing).</summary>
        private int SkipRawText(int from, string name)
        {
            var i = from;
            while (i < content.Length)
            {
                var next = content.AsSpan(i).IndexOf("</"u8);
                if (next < 0)
                {
                    return content.Length;
                }

                i += next;
                var nameEnd = i + 2 + name.Length;
                if (nameEnd <= content.Length && Ascii.EqualsIgnoreCase(content.AsSpan(i + 2, name.Length), name)
                    && (nameEnd == content.Length || IsSpace(content[nameEnd]) || content[nameEnd] is (byte)'/' or (byte)'>'))
                {
                    var end = ReadTag(i + 2, out _, out _);
                    return end < 0 ? content.Length : end;
                }

                i += 2;
            }

            return content.Length;
        }

        private int SkipComment(int from)
        {
            if (from < content.Length && content[from] == '>')
            {
                return from + 1;
            }

            if (content.AsSpan(from).StartsWith("->"u8))
            {
                return from + 2;
            }

            var close = content.AsSpan(from).IndexOf("-->"u8);
            return close < 0 ? content.Length : from + close + 3;
        }

        private int SkipPast(byte terminator, int from)
        {
            var found = content.AsSpan(from).IndexOf(terminator);
            return found < 0 ? content.Length : from + found + 1;
        }

        private static bool IsLetter(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';

        private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f';
    }
}
