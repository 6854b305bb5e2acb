using System.Text.RegularExpressions;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Answering;

/// <summary>
/// Whether a sentence says what the question asks about someone else: "When did Trotsky die?" against "after Lenin's
/// death in 1924". The asked word (or its variant or synonym) found in the sentence is attributed to the name that
/// governs it there, for the events of a life (birth, marriage, death, succession): a possessive before it ("Lenin's death"), "of" and a name after it ("the death of Sapor"), or a
/// name just before it as its subject ("Sapor died", "Trotsky was assassinated"). When every attributed name is one the
/// question does not ask about, the sentence is about someone else. Hand-written because it needs only these three
/// patterns, not a parser.
/// </summary>
internal static partial class SubjectCheck
{
    /// <summary>
    /// True when the question names someone and every occurrence of its other words in <paramref name="sentence"/> that
    /// is attributed to a name is attributed to a name the question does not have. "Who"/"whose" questions are exempt:
    /// the attributed name may be their answer ("Whose son was Demophon?" - "the son of Theseus").
    /// </summary>
    public static bool AboutSomeoneElse(QuestionAnalysis question, IReadOnlySet<string> nameStems, string sentence)
    {
        if (nameStems.Count == 0 || question.Kind == QuestionKind.Who)
        {
            return false;
        }

        var asked = question.Terms
            .Where(t => !nameStems.Contains(t.Stem))
            .SelectMany(t => t.Alternatives.Select(a => a.Term))
            .ToHashSet(StringComparer.Ordinal);
        if (asked.Count == 0)
        {
            return false;
        }

        // Only the events of a life are owned by one name ("Lenin's death"); "Solon's laws" or "the government of
        // Lucania" say nothing against a question on someone else who made or held them.
        var other = false;
        foreach (var (term, start, end) in TermMatching.Analyzer.Tokens(sentence))
        {
            // A capitalised word is part of a name ("the Communist Party"), not something said about one.
            if (!asked.Contains(term) || !LifeEvents.Contains(term) || char.IsUpper(sentence[start]))
            {
                continue;
            }

            foreach (var name in AttributedNames(sentence, start, end, sentence[start..end].EndsWith("ed", StringComparison.OrdinalIgnoreCase), term))
            {
                if (ObjectPronouns.Contains(name.ToLowerInvariant()))
                {
                    // "Stalin ... had him assassinated": a pronoun object is never the clause's own subject, so when
                    // the question's name is the sentence's subject, the event happened to someone else.
                    other |= SubjectIsAsked(sentence[..start], nameStems);
                    continue;
                }

                var stems = TermMatching.Analyzer.Terms(name);
                if (stems.Count == 0)
                {
                    continue;
                }

                if (stems.Any(nameStems.Contains))
                {
                    return false;
                }

                other = true;
            }
        }

        return other;
    }

    /// <summary>
    /// True when the question asks about a name's thing ("Who was Stalin's chief subordinate?") and the sentence gives
    /// that thing to another name only ("Trotsky was known as Lenin's chief subordinate"): the same word right after a
    /// possessive, never after one of the question's names. Unlike <see cref="AboutSomeoneElse"/> this holds for any word,
    /// as both texts say whose it is, and for "who" questions too, as the possessor is not the answer.
    /// </summary>
    public static bool PossessedBySomeoneElse(string question, IReadOnlySet<string> nameStems, string sentence) =>
        AskedPossessions.Of(question, nameStems).OwnedBySomeoneElse(sentence);

    /// <summary>
    /// What a question asks about that belongs to one of its names ("Stalin's chief subordinate"): read once per question,
    /// then checked against each candidate sentence.
    /// </summary>
    internal sealed class AskedPossessions
    {
        private static readonly AskedPossessions None = new([], []);
        private readonly HashSet<string> _owned;
        private readonly HashSet<string> _owners;

        private AskedPossessions(HashSet<string> owned, HashSet<string> owners) => (_owned, _owners) = (owned, owners);

        public static AskedPossessions Of(string question, IReadOnlySet<string> nameStems)
        {
            var owned = new HashSet<string>(StringComparer.Ordinal);
            var owners = new HashSet<string>(nameStems, StringComparer.Ordinal);
            foreach (Match m in Possessive().Matches(question))
            {
                var owner = TermMatching.Analyzer.Terms(m.Groups["name"].Value);
                if (owner.Any(nameStems.Contains))
                {
                    owned.UnionWith(Things(m));
                    owners.UnionWith(owner);
                }
            }

            return owned.Count == 0 ? None : new AskedPossessions(owned, owners);
        }

        /// <summary>Whether <paramref name="sentence"/> gives an asked thing to other names only.</summary>
        public bool OwnedBySomeoneElse(string sentence)
        {
            if (_owned.Count == 0)
            {
                return false;
            }

            var other = false;
            foreach (Match m in Possessive().Matches(sentence))
            {
                if (!Things(m).Any(_owned.Contains))
                {
                    continue;
                }

                if (TermMatching.Analyzer.Terms(m.Groups["name"].Value).Any(_owners.Contains))
                {
                    return false;
                }

                other = true;
            }

            return other;
        }

        private static IEnumerable<string> Things(Match possessive) =>
            possessive.Groups["thing"].Captures.SelectMany(c => TermMatching.Analyzer.Terms(c.Value));
    }

    /// <summary>The events of a life that belong to one person: being born, marrying, dying, being killed, succeeding, reigning.</summary>
    private static readonly HashSet<string> LifeEvents =
        new[]
        {
            "born", "birth", "married", "marry", "wife", "husband", "die", "died", "dies", "dying", "death", "dead", "killed",
         "murdered", "assassinated", "assassination", "slain", "slew", "executed", "execution", "strangled", "poisoned", "beheaded", "buried", "succeeded", "successor", "reigned", "ruled", "crowned",
        }
            .SelectMany(word => TermMatching.Analyzer.Terms(word))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The names (or object pronouns) the event word at [start, end) is attributed to. A killing verb with an object
    /// ("Tomyris slew Cyrus", "Stalin killed him") happened to its object, not to its subject, and so does a killing
    /// word right after an object pronoun ("had him assassinated").
    /// </summary>
    private static IEnumerable<string> AttributedNames(string sentence, int start, int end, bool pastForm, string term)
    {
        var before = sentence[..start];
        var transitive = Killings.Contains(term);
        if (transitive && PronounBefore().Match(before) is { Success: true } causative)
        {
            yield return causative.Groups["pronoun"].Value;
            yield break;
        }

        if (transitive && ObjectAfter().Match(sentence, end) is { Success: true } patient
            && (ObjectPronouns.Contains(patient.Groups["name"].Value) || !IsFunctionWord(patient.Groups["name"].Value)))
        {
            yield return patient.Groups["name"].Value;
            yield break;
        }

        if (PossessiveBefore().Match(before) is { Success: true } possessive)
        {
            yield return possessive.Groups["name"].Value;
        }
        else if (SubjectBefore().Match(before) is { Success: true } subject && !IsFunctionWord(subject.Groups["name"].Value)
            && (pastForm || subject.Groups["aux"].Success))
        {
            // "Sapor died", "Trotsky was assassinated": a verb, told by its "-ed" or an auxiliary, not "the Achaimenid clan".
            yield return subject.Groups["name"].Value;
        }

        if (OfAfter().Match(sentence, end) is { Success: true } of)
        {
            yield return of.Groups["name"].Value;
        }
    }

    /// <summary>
    /// Whether the sentence's subject, before <paramref name="before"/> ends, is a name the question asks about: the first
    /// name there (the sentence's first word counts only when it is one of the question's names, as "Soon" or "In" may
    /// open a sentence).
    /// </summary>
    private static bool SubjectIsAsked(string before, IReadOnlySet<string> nameStems)
    {
        foreach (Match word in CapitalisedWord().Matches(before))
        {
            var stems = TermMatching.Analyzer.Terms(word.Value);
            if (stems.Any(nameStems.Contains))
            {
                return true;
            }

            if (word.Index > 0 && stems.Count > 0 && !IsFunctionWord(word.Value))
            {
                return false;
            }
        }

        return false;
    }

    private static readonly HashSet<string> ObjectPronouns = new(["him", "her", "them"], StringComparer.Ordinal);

    /// <summary>Verbs of killing, whose object is the one who died ("Tomyris slew Cyrus").</summary>
    private static readonly HashSet<string> Killings =
        new[] { "killed", "murdered", "assassinated", "slew", "executed", "strangled", "poisoned", "beheaded" }
            .SelectMany(word => TermMatching.Analyzer.Terms(word))
            .ToHashSet(StringComparer.Ordinal);

    private static bool IsFunctionWord(string word) =>
        English.BackReferenceWords.Contains(word.ToLowerInvariant()) || English.QuestionStopWords.Contains(word.ToLowerInvariant());

    /// <summary>
    /// "Lenin's successor", "Harold Wilson's government": a name's possessive (the whole name) and the word it owns, or the
    /// two words after it (an adjective may come between).
    /// </summary>
    [GeneratedRegex(@"(?<name>(\p{Lu}[\p{L}\p{M}-]+\s+)*\p{Lu}[\p{L}\p{M}-]+)['’]s\s+(?<thing>\p{Ll}[\p{L}-]*)(\s+(?<thing>\p{Ll}[\p{L}-]*))?")]
    private static partial Regex Possessive();

    /// <summary>"Lenin's death", "Lenin's untimely death".</summary>
    [GeneratedRegex(@"(?<name>\p{Lu}[\p{L}\p{M}-]+)['’]s\s+(\p{Ll}+\s+)?$")]
    private static partial Regex PossessiveBefore();

    /// <summary>"Sapor died", "Trotsky was assassinated", "Perdiccas had been killed"; not after "the" ("the Achaimenid clan").</summary>
    [GeneratedRegex(@"(?<!\b(the|a|an|The|A|An)\s+)(?<name>\p{Lu}[\p{L}\p{M}-]+)\s+((?<aux>was|were|is|had|has|been|being)\s+){0,2}$")]
    private static partial Regex SubjectBefore();

    /// <summary>"had him assassinated", "ordered them to be executed".</summary>
    [GeneratedRegex(@"\b(?<pronoun>him|her|them)\s+((to\s+)?be\s+)?$")]
    private static partial Regex PronounBefore();

    /// <summary>"slew Cyrus", "killed him": the object right after a killing verb.</summary>
    [GeneratedRegex(@"\G\s+(?<name>him|her|them|\p{Lu}[\p{L}\p{M}-]+)\b")]
    private static partial Regex ObjectAfter();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{M}-]+")]
    private static partial Regex CapitalisedWord();

    /// <summary>"the death of Sapor", "the death of the emperor Pertinax" is not matched (only a name right after "of").</summary>
    [GeneratedRegex(@"\G\s+of\s+(?<name>\p{Lu}[\p{L}\p{M}-]+)")]
    private static partial Regex OfAfter();
}
