using System.Text.RegularExpressions;

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
internal sealed record QuestionAnalysis(string Question, IReadOnlyList<QuestionTerm> Terms, QuestionKind Kind)
{
    /// <summary>Whether the question was longer than allowed and cut before analysis.</summary>
    public bool Clipped { get; init; }

    public double TotalWeight => Terms.Sum(t => t.Idf);

    public double TotalSalience => Terms.Sum(t => t.Salience);
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
