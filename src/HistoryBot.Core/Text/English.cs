using System.Text.RegularExpressions;

namespace HistoryBot.Core.Text;

/// <summary>
/// The English-language rules the answer path relies on, in one place: question words, pronouns, words that refer
/// back to an earlier sentence, and how names (capitalised words) are told from sentence starts.
/// </summary>
internal static partial class English
{
    /// <summary>
    /// Words that carry no topic in a question (interrogatives, auxiliaries, the asker, fillers, pronouns): the question
    /// analyser drops them like stop words.
    /// </summary>
    public static readonly IReadOnlyList<string> QuestionStopWords =
    [
        "who", "whom", "whose", "what", "when", "where", "why", "how", "which", "did", "does", "do", "done",
        "is", "are", "was", "were", "has", "have", "had", "can", "could", "would", "should", "will", "shall",
        "i", "me", "my", "you", "your", "we", "our", "us", "about", "tell", "please", "many", "much",
        "kind", "type", "name", "named", "called", "one", "ones", "some", "any", "from", "s", "he", "she", "his", "her", "him",
    ];

    /// <summary>Words that, opening a sentence, refer back to the one before it ("He had left ...", "This led to ...").</summary>
    public static readonly IReadOnlySet<string> BackReferenceWords = new HashSet<string>(
        ["he", "she", "it", "they", "this", "these", "that", "those", "his", "her", "its", "their", "such", "there"],
        StringComparer.Ordinal);

    /// <summary>Possessive pronouns: a follow-up's "his" becomes "Lenin's".</summary>
    public static readonly IReadOnlySet<string> PossessivePronouns = new HashSet<string>(
        ["his", "her", "their", "its"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Characters that separate the words of a question.</summary>
    private static readonly char[] QuestionSeparators = [' ', '\t', '\n', '?', ',', '.', '!', '"', '\''];

    /// <summary>As <see cref="QuestionSeparators"/>, but keeping apostrophes (so "Lenin's" stays one word) and splitting on brackets.</summary>
    private static readonly char[] NameSeparators = [' ', '\t', '\n', '?', ',', '.', '!', '"', '(', ')'];

    /// <summary>The question's words, lower-cased: what a quote must add to in order to carry an answer.</summary>
    public static HashSet<string> LowerCaseWords(string question) =>
        question.Split(QuestionSeparators, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The question's capitalised words, leaving out its first word (capitalised because it starts the sentence): the
    /// names it asks about.
    /// </summary>
    public static IEnumerable<string> NamesInQuestion(string question)
    {
        var words = question.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < words.Length; i++)
        {
            if (char.IsUpper(words[i][0]))
            {
                yield return words[i];
            }
        }
    }

    /// <summary>Whether <paramref name="sentence"/> has a capitalised word, not its first, that the question does not have.</summary>
    public static bool HasNewName(string sentence, IReadOnlySet<string> questionWords)
    {
        foreach (Match m in CapitalisedWord().Matches(sentence))
        {
            if (m.Index == 0 || questionWords.Contains(m.Value.ToLowerInvariant()))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="sentence"/> opens with a word that refers back to the sentence before it.</summary>
    public static bool StartsWithBackReference(string sentence)
    {
        var end = 0;
        while (end < sentence.Length && char.IsLetter(sentence[end]))
        {
            end++;
        }

        return end > 0 && BackReferenceWords.Contains(sentence[..end].ToLowerInvariant());
    }

    /// <summary>
    /// The first capitalised name (a run of capitalised words) in a question, skipping its first word when that is a
    /// question word and skipping pronouns; a trailing possessive "'s" is dropped. Null when the question names no one.
    /// </summary>
    public static string? Subject(string question)
    {
        foreach (Match m in NameRun().Matches(question))
        {
            var word = m.Value;
            if (m.Index == 0 && QuestionStart().Match(word) is { Success: true } start)
            {
                // "Was Lenin" is read as one capitalised run: the name is what follows the question word.
                word = word[start.Length..];
                if (word.StartsWith('\'') || word.StartsWith('’'))
                {
                    // "What's the capital of France?": the contraction is part of the question word, not a name.
                    var space = word.IndexOfAny([' ', '\t']);
                    word = space < 0 ? string.Empty : word[space..];
                }

                word = word.Trim();
                if (word.Length == 0)
                {
                    continue;
                }
            }

            if (Pronoun().IsMatch(word) || word is "I")
            {
                continue;
            }

            if (WithoutPossessive(word) is { Length: > 0 } name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// The first name in <paramref name="text"/> that <paramref name="question"/> does not have: a run of capitalised
    /// words none of which is in the question, skipping a sentence's first word when general prose uses it in lower case
    /// ("However", "Soon", "Many"). Null when there is none.
    /// </summary>
    public static string? FirstNewName(string text, string question)
    {
        var asked = LowerCaseWords(question);
        foreach (Match m in NameRun().Matches(text))
        {
            var words = m.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            var sentenceStart = m.Index == 0 || text.AsSpan(0, m.Index).TrimEnd().EndsWith(".");
            if (sentenceStart && IsCommonWord(words[0]))
            {
                words.RemoveAt(0);
            }

            var name = string.Join(' ', words).TrimEnd('.', ',');
            if (name.Length > 0 && char.IsUpper(name[0]) && !words.Any(w => asked.Contains(w.ToLowerInvariant().TrimEnd('.', ','))))
            {
                return WithoutPossessive(name);
            }
        }

        return null;
    }

    /// <summary>Whether a word, lower-cased and stemmed, is common in general prose ("However", "Many", "The").</summary>
    private static bool IsCommonWord(string word)
    {
        var stems = Answering.TermMatching.Analyzer.Terms(word.ToLowerInvariant());
        return stems.Count == 0 || stems.All(Retrieval.BackgroundFrequencies.Instance.IsCommon);
    }

    private static string WithoutPossessive(string name) =>
        name.EndsWith("'s", StringComparison.Ordinal) || name.EndsWith("’s", StringComparison.Ordinal) ? name[..^2] : name;

    /// <summary>Whether the text has a pronoun that stands for a person (he, she, him, his, her), not "it" or "they".</summary>
    public static bool HasPersonalPronoun(string text) => PersonalPronoun().IsMatch(text);

    /// <summary>
    /// Whether <paramref name="subject"/> stands in <paramref name="question"/> after "the" ("the Committee of Public
    /// Safety", "the Russian Revolution"): a thing or a body, which "he" or "she" cannot stand for.
    /// </summary>
    public static bool NamesAThing(string question, string subject)
    {
        var index = question.IndexOf(subject, StringComparison.Ordinal);
        return index >= 4 && question.AsSpan(index - 4, 4).Equals("the ", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the text has a personal pronoun that could stand for an earlier subject.</summary>
    public static bool HasPronoun(string text) => Pronoun().IsMatch(text);

    /// <summary>Replaces every personal pronoun of <paramref name="text"/> by <paramref name="subject"/> (possessives by "subject's").</summary>
    public static string ReplacePronouns(string text, string subject) =>
        Pronoun().Replace(text, m => PossessivePronouns.Contains(m.Value) ? subject + "'s" : subject);

    [GeneratedRegex(@"\b(he|she|him|his|her|they|them|their|it|its)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    /// <summary>Capitalised words in a row, joined also by "of" ("Committee of Public Safety", "Epikles of Hermione").</summary>
    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{M}'’.-]*(\s+(of\s+(the\s+)?)?\p{Lu}[\p{L}\p{M}'’.-]*)*")]
    private static partial Regex NameRun();

    [GeneratedRegex(@"\b(he|she|him|his|her)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalPronoun();

    [GeneratedRegex(@"^(Who|Whom|Whose|What|When|Where|Why|How|Which|Did|Does|Do|Is|Was|Were|Are|Can|Could|Tell|In|On|At|And|But|So)\b")]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}'-]+")]
    private static partial Regex CapitalisedWord();
}
