namespace HistoryBot.Documents.Html;

internal static partial class HtmlNesting
{
    /// <summary>One pass over a page's bytes: tracks the open elements and rewrites the tags nested too deep.</summary>
    private sealed partial class Scanner(byte[] content, int maxDepth, CancellationToken cancellationToken)
    {
        private readonly OpenElements _open = new(maxDepth);
        private readonly OpenElements _dropped = new(DroppedSearch);
        private MemoryStream? _output;
        private int _copied;

        /// <summary>A &lt;p&gt; this pass put in is open (only while elements are being dropped).</summary>
        private bool _paragraphOpen;

        /// <summary>A dropped block tag ended a paragraph: the next text starts a new one.</summary>
        private bool _breakPending;

        public int Flattened { get; private set; }

        public byte[] Result()
        {
            if (_output is null)
            {
                return content;
            }

            _output.Write(content, _copied, content.Length - _copied);
            return _output.ToArray();
        }

        public void Run()
        {
            var i = 0;
            var tags = 0;
            while (i < content.Length)
            {
                var next = content.AsSpan(i).IndexOf((byte)'<');
                var textEnd = next < 0 ? content.Length : i + next;
                Text(i, textEnd);
                if (next < 0)
                {
                    return;
                }

                if ((++tags & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                i = Markup(textEnd);
            }
        }

        private int Markup(int i)
        {
            if (i + 1 >= content.Length)
            {
                return content.Length;
            }

            var next = content[i + 1];
            if (next == '!')
            {
                return content.AsSpan(i).StartsWith("<!--"u8) ? SkipComment(i + 4) : SkipPast((byte)'>', i + 2);
            }

            if (next == '?')
            {
                return SkipPast((byte)'>', i + 2);
            }

            if (next == '/')
            {
                return i + 2 < content.Length && IsLetter(content[i + 2]) ? EndTag(i) : SkipPast((byte)'>', i + 2);
            }

            return IsLetter(next) ? StartTag(i) : i + 1;
        }

        private void Text(int start, int end)
        {
            if (!_breakPending || start >= end)
            {
                return;
            }

            var visible = content.AsSpan(start, end - start).IndexOfAnyExcept(" \t\n\r\f"u8);
            if (visible >= 0)
            {
                Replace(start + visible, start + visible, "<p>"u8);
                _paragraphOpen = true;
                _breakPending = false;
            }
        }

        private int StartTag(int start)
        {
            var end = ReadTag(start + 1, out var name, out var selfClosing);
            if (end < 0)
            {
                return content.Length; // Unfinished at the end of the file: the tokenizer drops it.
            }

            if (Void.Contains(name) || name is "html" or "head" or "body" || (selfClosing && (_open.InForeignContent || _dropped.InForeignContent)))
            {
                return end;
            }

            if (name == "plaintext")
            {
                return content.Length; // Everything after it is text.
            }

            if (RawText.Contains(name))
            {
                return SkipRawText(end, name);
            }

            if (_dropped.Count == 0)
            {
                if (!CloseImplied(_open, name))
                {
                    return end; // The tree builder ignores it: it opens nothing.
                }

                if (_open.Count < maxDepth)
                {
                    _open.Push(name);
                    return end;
                }
            }
            else
            {
                CloseImplied(_dropped, name);
            }

            _dropped.Push(name);
            Drop(start, end, name);
            return end;
        }

        private int EndTag(int start)
        {
            var end = ReadTag(start + 2, out var name, out _);
            if (end < 0)
            {
                return content.Length;
            }

            if (_dropped.Count > 0)
            {
                var index = _dropped.FindInScope(name, ScopeBoundaries);
                if (index < 0 && !_open.Has(name))
                {
                    Drop(start, end, name); // It closes nothing open (or nothing the search reaches).
                    return end;
                }

                if (index >= 0)
                {
                    _dropped.PopFrom(index);
                    if (_dropped.Count > 0)
                    {
                        Drop(start, end, name);
                        return end;
                    }

                    Flattened++;
                    Replace(start, end, _paragraphOpen ? "</p>"u8 : ""u8);
                    _paragraphOpen = _breakPending = false;
                    return end;
                }

                // It closes a kept element, and with it everything dropped inside.
                _dropped.Clear();
                if (_paragraphOpen)
                {
                    Replace(start, start, "</p>"u8);
                }

                _paragraphOpen = _breakPending = false;
            }

            var found = TableParts.Contains(name) || name == "table"
                ? _open.Has(name) ? _open.Find(n => n == name, n => n is "html" or "template" || (n == "table" && name != "table")) : -1
                : _open.FindInScope(name, ScopeBoundaries);
            if (found >= 0)
            {
                _open.PopFrom(found);
            }

            return end;
        }

        /// <summary>
        /// Closes what a start tag of <paramref name="name"/> closes implicitly (an open p before a block, the previous
        /// list item, table cell or heading, ...). False when the tree builder ignores the tag (a table part outside a
        /// table, a form inside a form).
        /// </summary>
        private static bool CloseImplied(OpenElements open, string name)
        {
            if (TableParts.Contains(name))
            {
                if (!open.Has("table"))
                {
                    return false;
                }

                Func<string, bool> context = name switch
                {
                    "td" or "th" => n => n is "tr" or "tbody" or "thead" or "tfoot" or "table" or "template",
                    "tr" => n => n is "tbody" or "thead" or "tfoot" or "table" or "template",
                    _ => n => n is "table" or "template",
                };
                if (open.Find(context, static _ => false) is var index and >= 0)
                {
                    open.PopFrom(index + 1);
                }

                return true;
            }

            if (name == "form" && open.Has("form"))
            {
                return false;
            }

            if (ClosesParagraph.Contains(name) && open.FindInScope("p", ScopeBoundaries) is var paragraph and >= 0)
            {
                open.PopFrom(paragraph);
            }

            if (name is "li" or "dd" or "dt")
            {
                Func<string, bool> item = name == "li" ? static n => n == "li" : static n => n is "dd" or "dt";
                var previous = open.Find(item, static n => Special.Contains(n) && n is not ("address" or "div" or "p"));
                if (previous >= 0)
                {
                    open.PopFrom(previous);
                }
            }
            else if (IsHeading(name))
            {
                open.PopIf(IsHeading);
            }
            else if (name is "option" or "optgroup")
            {
                open.PopIf(static n => n == "option");
                if (name == "optgroup")
                {
                    open.PopIf(static n => n == "optgroup");
                }
            }
            else if (name is "button" or "a" or "nobr" && open.FindInScope(name, ScopeBoundaries) is var same and >= 0)
            {
                open.PopFrom(same);
            }

            return true;
        }

        /// <summary>Leaves a tag out; a block's boundary starts a new paragraph at the next text.</summary>
        private void Drop(int start, int end, string name)
        {
            Flattened++;
            Replace(start, end, ""u8);
            if (Blocks.Contains(name))
            {
                _breakPending = true;
            }
        }

        private void Replace(int start, int end, ReadOnlySpan<byte> replacement)
        {
            _output ??= new MemoryStream(content.Length + 1024);
            _output.Write(content, _copied, start - _copied);
            _output.Write(replacement);
            _copied = end;
        }
    }
}
