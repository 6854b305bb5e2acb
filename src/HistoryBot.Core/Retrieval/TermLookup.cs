using Lucene.Net.Index;
using Lucene.Net.Util;

namespace HistoryBot.Core.Retrieval;

/// <summary>
/// Document frequencies of index terms looked up without allocating. Lucene's <c>IndexReader.DocFreq(Term)</c> opens a
/// fresh terms enumerator (block-tree frames, FST arcs: a few KiB) for every segment at every call, and a
/// <see cref="Term"/> carries its own UTF-8 copy; a question looks up a hundred terms or more (three fields, suffix
/// variants, negated forms, spelling candidates). Here each thread keeps one enumerator per segment and field, seeks it,
/// and encodes the term into one scratch buffer. Same figures as <c>IndexReader.DocFreq</c> (the sum over segments).
/// </summary>
internal sealed class TermLookup : IDisposable
{
    private readonly IndexReader _reader;
    private readonly ThreadLocal<Scratch> _scratch;

    public TermLookup(IndexReader reader)
    {
        _reader = reader;
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(reader.Leaves.Count));
    }

    /// <summary>How many documents have <paramref name="term"/> in <paramref name="field"/>.</summary>
    public int DocFreq(string field, string term)
    {
        var scratch = _scratch.Value!;
        UnicodeUtil.UTF16toUTF8(term, 0, term.Length, scratch.Bytes);
        var leaves = _reader.Leaves;
        var total = 0;
        for (var i = 0; i < leaves.Count; i++)
        {
            if (scratch.Enumerator(i, field, leaves[i].AtomicReader) is { } terms && terms.SeekExact(scratch.Bytes))
            {
                total += terms.DocFreq;
            }
        }

        return total;
    }

    /// <summary>
    /// The per-segment states of <paramref name="term"/> in <paramref name="field"/>, as <c>TermContext.Build</c> finds
    /// them for a <c>TermQuery</c> (which then needs no enumerator of its own to weigh itself); null when no document has it.
    /// </summary>
    public TermContext? Context(string field, string term)
    {
        var scratch = _scratch.Value!;
        UnicodeUtil.UTF16toUTF8(term, 0, term.Length, scratch.Bytes);
        var leaves = _reader.Leaves;
        TermContext? context = null;
        for (var i = 0; i < leaves.Count; i++)
        {
            if (scratch.Enumerator(i, field, leaves[i].AtomicReader) is { } terms && terms.SeekExact(scratch.Bytes))
            {
                context ??= new TermContext(_reader.Context);
                context.Register(terms.GetTermState(), leaves[i].Ord, terms.DocFreq, terms.TotalTermFreq);
            }
        }

        return context;
    }

    public void Dispose() => _scratch.Dispose();

    /// <summary>One thread's enumerators (per segment, per field) and UTF-8 buffer.</summary>
    private sealed class Scratch(int segments)
    {
        private readonly Dictionary<string, TermsEnum?>[] _enumerators =
            Enumerable.Range(0, segments).Select(_ => new Dictionary<string, TermsEnum?>(StringComparer.Ordinal)).ToArray();

        public BytesRef Bytes { get; } = new(16);

        public TermsEnum? Enumerator(int segment, string field, AtomicReader reader)
        {
            var perField = _enumerators[segment];
            if (!perField.TryGetValue(field, out var terms))
            {
                terms = reader.GetTerms(field)?.GetEnumerator();
                perField[field] = terms;
            }

            return terms;
        }
    }
}
