using System.Text.RegularExpressions;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Retrieval;

/// <summary>What kind of answer a question asks for, from its wording.</summary>
internal enum QuestionKind
{
    Other,
    When,
    Who,
    HowMany,
    Where,

    /// <summary>"Why ...?": asks for a reason.</summary>
    Why,

    /// <summary>"What does X mean?", "What does the word X translate to?": asks what a word means.</summary>
    Meaning,
}

/// <summary>An index term that stands for a question word: itself, a spelling correction or a synonym.</summary>
internal sealed record TermAlternative(string Term, double Weight, TermSource Source);

internal enum TermSource
{
    Exact,
    Corrected,
    Variant,
    Synonym,
}

/// <summary>One content word of a question, with its weight (IDF) and the index terms that can match it.</summary>
/// <param name="Stem">The analysed form of the question word.</param>
/// <param name="Position">Position among the question's content words (for phrase boosts).</param>
/// <param name="Idf">Inverse document frequency in the passage index; words absent from the corpus weigh most.</param>
/// <param name="Alternatives">Index terms that count as this word, with a weight in (0, 1]; empty when nothing in the corpus matches.</param>
/// <param name="Salience">How much the word matters for deciding whether the corpus answers the question: rare in general
/// prose and specific within the corpus weighs most.</param>
internal sealed record QuestionTerm(string Stem, int Position, double Idf, IReadOnlyList<TermAlternative> Alternatives, double Salience)
{
    public bool InCorpus => Alternatives.Count > 0;
}

/// <summary>A question turned into weighted terms and a kind.</summary>
/// <param name="Question">The question as analysed: cut to the configured length when it was longer.</param>
/// <remarks>
/// The question features every later stage reads (its names, their spellings in the corpus, its lower-case words) are
/// found here once per question, not again by each stage or for each candidate sentence. They are computed on first
/// use and cached (a benign race: every thread computes the same value); a copy made with <c>with</c> recomputes them.
/// </remarks>
internal sealed record QuestionAnalysis(string Question, IReadOnlyList<QuestionTerm> Terms, QuestionKind Kind)
{
    private double? _totalWeight;
    private double? _totalSalience;
    private IReadOnlySet<string>? _names;
    private IReadOnlySet<string>? _nameStems;
    private IReadOnlySet<string>? _namesAndNumbers;
    private IReadOnlySet<string>? _lowerCaseWords;

    /// <summary>A copy (<c>with</c>) starts with empty caches: what it changes may change them.</summary>
    private QuestionAnalysis(QuestionAnalysis original)
    {
        Question = original.Question;
        Terms = original.Terms;
        Kind = original.Kind;
        Clipped = original.Clipped;
    }

    /// <summary>Whether the question was longer than allowed and cut before analysis.</summary>
    public bool Clipped { get; init; }

    public double TotalWeight => _totalWeight ??= Terms.Sum(t => t.Idf);

    public double TotalSalience => _totalSalience ??= Terms.Sum(t => t.Salience);

    /// <summary>The index terms of the names the question asks about (its capitalised words after the first).</summary>
    public IReadOnlySet<string> Names => _names ??= English.NamesInQuestion(Question)
        .SelectMany(name => Analyzer.Terms(name))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="Names"/> with the spellings the corpus has for them ("Lenim" also stands for "Lenin"; not synonyms).
    /// </summary>
    public IReadOnlySet<string> NameStems => _nameStems ??= FindNameStems();

    /// <summary>
    /// <see cref="Names"/> and the question's terms with a digit: a number ("Apollo 13", "in 1969") pins what a question
    /// asks about as a name does.
    /// </summary>
    public IReadOnlySet<string> NamesAndNumbers => _namesAndNumbers ??= Names
        .Concat(Terms.Where(t => t.Stem.Any(char.IsAsciiDigit)).Select(t => t.Stem))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The question's words in lower case (<see cref="English.LowerCaseWords"/>).</summary>
    public IReadOnlySet<string> LowerCaseWords => _lowerCaseWords ??= English.LowerCaseWords(Question);

    /// <summary>The index analysis chain, as the answering stages match text with it.</summary>
    private static readonly HistoryBotAnalyzer Analyzer = HistoryBotAnalyzer.ForIndexing();

    private HashSet<string> FindNameStems()
    {
        var stems = new HashSet<string>(Names, StringComparer.Ordinal);
        foreach (var term in Terms.Where(t => Names.Contains(t.Stem)))
        {
            stems.UnionWith(term.Alternatives.Where(a => a.Source != TermSource.Synonym).Select(a => a.Term));
        }

        return stems;
    }
}

/// <summary>Classifies a question by its wording ("when", "what year", "who", "how many", "where").</summary>
internal static partial class QuestionClassifier
{
    public static QuestionKind Classify(string question)
    {
        var q = question.Trim().ToLowerInvariant();
        if (WhenPattern().IsMatch(q))
        {
            return QuestionKind.When;
        }

        if (HowManyPattern().IsMatch(q))
        {
            return QuestionKind.HowMany;
        }

        if (WhoPattern().IsMatch(q))
        {
            return QuestionKind.Who;
        }

        if (WherePattern().IsMatch(q))
        {
            return QuestionKind.Where;
        }

        if (WhyPattern().IsMatch(q))
        {
            return QuestionKind.Why;
        }

        return MeaningPattern().IsMatch(q) ? QuestionKind.Meaning : QuestionKind.Other;
    }

    /// <summary>
    /// The words that only say a question asks for a meaning ("mean", "translate", "word"): not what it is about, so they
    /// are not searched for.
    /// </summary>
    public static readonly IReadOnlyList<string> MeaningWords =
        ["mean", "means", "meaning", "meant", "translate", "translates", "translated", "translation", "word", "term", "name",
        "stand", "stands", "literally", "literal", "definition", "define", "signify", "signifies", "english"];

    [GeneratedRegex(@"^why\b|\bwhy (did|do|does|was|were|is|are|had|has|would|could|should)\b|\bfor what reasons?\b|\bwhat (was|were|is|are) the (main )?(reason|reasons|cause|causes)\b")]
    private static partial Regex WhyPattern();

    [GeneratedRegex(@"\bwhat (does|did|do) (the )?(word |term |name )?.{1,40}\b(mean|stand for|translate|signify)\b|\b(meaning|translation|definition) of\b|\bwhat is meant by\b")]
    private static partial Regex MeaningPattern();

    [GeneratedRegex(@"\bwhen\b|\bwhat (year|date|day|month|decade|century|time|period|era)\b|\bwhich (year|date|day|month|decade|century)\b|\bhow long ago\b|\bwhat age\b")]
    private static partial Regex WhenPattern();

    [GeneratedRegex(@"\bhow (many|much|long|old|large|big|far|tall|high|deep|wide|often)\b|\bwhat (percentage|percent|number|amount|proportion|share|fraction)\b|\bhow many\b")]
    private static partial Regex HowManyPattern();

    [GeneratedRegex(@"^(who|whom|whose)\b|\bwho\b|\bwhich (person|man|woman|leader|president|king|emperor|general|scientist|author|writer|company|organization|group)\b|\bwhat (person|man|woman|name)\b")]
    private static partial Regex WhoPattern();

    [GeneratedRegex(@"\bwhere\b|\bwhat (city|country|state|place|region|location|town|continent|river|island)\b|\bwhich (city|country|state|place|region|town|continent|river|island)\b|\bin what (city|country|state|place|region|town)\b")]
    private static partial Regex WherePattern();
}
