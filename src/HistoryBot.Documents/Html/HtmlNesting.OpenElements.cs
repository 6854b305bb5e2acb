namespace HistoryBot.Documents.Html;

internal static partial class HtmlNesting
{
    /// <summary>
    /// A stack of open element names with a count per name, so that "is a li open?" costs nothing and a search runs only
    /// when it can succeed; searches look at most <paramref name="searchLimit"/> elements down.
    /// </summary>
    private sealed class OpenElements(int searchLimit)
    {
        private readonly List<string> _names = [];
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        public int Count => _names.Count;

        public string? Top => _names.Count == 0 ? null : _names[^1];

        /// <summary>Open svg or math elements: inside them a self-closing tag opens nothing.</summary>
        public bool InForeignContent => Has("svg") || Has("math");

        public bool Has(string name) => _counts.TryGetValue(name, out var count) && count > 0;

        public void Push(string name)
        {
            _names.Add(name);
            _counts[name] = _counts.GetValueOrDefault(name) + 1;
        }

        public void Clear()
        {
            _names.Clear();
            _counts.Clear();
        }

        /// <summary>
        /// The position of the nearest element <paramref name="match"/> takes, looking down from the top and stopping at
        /// one <paramref name="stop"/> takes (checked after <paramref name="match"/>); -1 when there is none.
        /// </summary>
        public int Find(Func<string, bool> match, Func<string, bool> stop)
        {
            var bottom = Math.Max(0, _names.Count - searchLimit);
            for (var i = _names.Count - 1; i >= bottom; i--)
            {
                if (match(_names[i]))
                {
                    return i;
                }

                if (stop(_names[i]))
                {
                    return -1;
                }
            }

            return -1;
        }

        /// <summary>The nearest open <paramref name="name"/> within the scope <paramref name="boundaries"/> make.</summary>
        public int FindInScope(string name, HashSet<string> boundaries) =>
            Has(name) ? Find(n => n == name, boundaries.Contains) : -1;

        /// <summary>Closes the element at <paramref name="index"/> and everything opened inside it.</summary>
        public void PopFrom(int index)
        {
            for (var i = _names.Count - 1; i >= index; i--)
            {
                _counts[_names[i]]--;
            }

            _names.RemoveRange(index, _names.Count - index);
        }

        /// <summary>Pops the top element when <paramref name="match"/> takes it.</summary>
        public void PopIf(Func<string, bool> match)
        {
            if (Top is { } top && match(top))
            {
                PopFrom(_names.Count - 1);
            }
        }
    }
}
