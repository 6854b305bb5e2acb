using System.Text.RegularExpressions;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Answering;

/// <summary>Does a sentence carry the kind of thing a question asks for: a date, a name, a number, a place?</summary>
internal static partial class AnswerCues
{
    public static bool Carries(QuestionKind kind, string sentence, IReadOnlySet<string> questionWords) => kind switch
    {
        QuestionKind.When => DatePattern().Matches(sentence).Any(m => !questionWords.Contains(m.Value.ToLowerInvariant())),
        QuestionKind.HowMany => NumberPattern().Matches(sentence).Any(m => !questionWords.Contains(m.Value.ToLowerInvariant())),
        QuestionKind.Who or QuestionKind.Where => English.HasNewName(sentence, questionWords),
        _ => false,
    };

    [GeneratedRegex(@"\b(1[0-9]{3}|20[0-9]{2}|[0-9]{1,2}(st|nd|rd|th)? century|January|February|March|April|May|June|July|August|September|October|November|December|[0-9]{3,4}s|BC|AD|BCE|CE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b([0-9][0-9,.]*%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|half)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();
}
