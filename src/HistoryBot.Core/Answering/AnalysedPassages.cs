using System.Collections.Concurrent;
using HistoryBot.Core.Chunking;

namespace HistoryBot.Core.Answering;

/// <summary>The analysed terms of one passage, as the answering stages match question terms against it.</summary>
internal sealed class PassageTerms
{
    private HashSet<string>? _text;
    private HashSet<string>? _title;

    public PassageTerms(Passage passage)
    {
        Passage = passage;
        var sentences = new HashSet<string>[passage.Sentences.Count];
        var all = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sentences.Length; i++)
        {
            sentences[i] = TermMatching.TermSet(passage.Sentences[i].Text);
            all.UnionWith(sentences[i]);
        }

        Sentences = sentences;
        All = all;
        Heading = TermMatching.TermSet($"{passage.Section} {passage.Title}");
    }

    /// <summary>The passage these terms are of.</summary>
    public Passage Passage { get; }

    /// <summary>The distinct terms of each sentence, in order.</summary>
    public IReadOnlyList<HashSet<string>> Sentences { get; }

    /// <summary>Every sentence's terms together.</summary>
    public HashSet<string> All { get; }

    /// <summary>The terms of the section heading and the document title.</summary>
    public HashSet<string> Heading { get; }

    /// <summary>The terms of the document title alone.</summary>
    public HashSet<string> Title => _title ??= TermMatching.TermSet(Passage.Title);

    /// <summary>The terms of the passage's whole text (analysed as one text, not sentence by sentence).</summary>
    public HashSet<string> Text => _text ??= TermMatching.TermSet(Passage.Text);

    /// <summary>Whether these terms were analysed from the same text, section and title as <paramref name="passage"/>.</summary>
    public bool Describes(Passage passage) =>
        ReferenceEquals(Passage, passage)
        || (Passage.Text == passage.Text && Passage.Section == passage.Section && Passage.Title == passage.Title
            && Passage.Sentences.Count == passage.Sentences.Count);
}

/// <summary>
/// The analysed terms of the passages questions have met, kept per engine: every candidate sentence used to be run
/// through Lucene's analysis chain again for every question (a token stream, a string per token and a set per sentence:
/// most of an answer's allocations after the question's own analysis), though a passage's terms never change while its
/// index is open. Bounded: past <see cref="MaxPassages"/> it starts afresh.
/// </summary>
internal sealed class AnalysedPassages
{
    /// <summary>Most passages whose terms are kept (a passage's sets take a few KiB).</summary>
    public const int MaxPassages = 4096;

    private readonly ConcurrentDictionary<string, PassageTerms> _passages = new(StringComparer.Ordinal);

    /// <summary>How many passages' terms are kept now (for tests).</summary>
    public int Count => _passages.Count;

    /// <summary>The analysed terms of <paramref name="passage"/>, analysed on first use.</summary>
    public PassageTerms Of(Passage passage)
    {
        if (_passages.TryGetValue(passage.Id, out var known) && known.Describes(passage))
        {
            return known;
        }

        var terms = new PassageTerms(passage);
        if (_passages.Count >= MaxPassages)
        {
            _passages.Clear();
        }

        _passages[passage.Id] = terms;
        return terms;
    }
}
