using System.Text.RegularExpressions;

namespace HistoryBot.Core.Retrieval;

/// <summary>Does a sentence carry the kind of thing a question asks for: a date, a name, a number, a place?</summary>
public static partial class AnswerCues
{
    public static bool Carries(QuestionKind kind, string sentence, IReadOnlySet<string> questionWords) => kind switch
    {
        QuestionKind.When => DatePattern().Matches(sentence).Any(m => !questionWords.Contains(m.Value.ToLowerInvariant())),
        QuestionKind.HowMany => NumberPattern().Matches(sentence).Any(m => !questionWords.Contains(m.Value.ToLowerInvariant())),
        QuestionKind.Who or QuestionKind.Where => HasNewName(sentence, questionWords),
        _ => false,
    };

    /// <summary>A capitalised word that is not the first word of the sentence and not in the question.</summary>
    private static bool HasNewName(string sentence, IReadOnlySet<string> questionWords)
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

    [GeneratedRegex(@"\b(1[0-9]{3}|20[0-9]{2}|[0-9]{1,2}(st|nd|rd|th)? century|January|February|March|April|May|June|July|August|September|October|November|December|[0-9]{3,4}s|BC|AD|BCE|CE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b([0-9][0-9,.]*%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|half)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}'-]+")]
    private static partial Regex CapitalisedWord();
}
