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
        QuestionKind.Why => ReasonPattern().Matches(sentence).Any(m => !questionWords.Contains(m.Value.ToLowerInvariant())),
        QuestionKind.Meaning => GlossPattern().IsMatch(sentence),
        _ => false,
    };

    [GeneratedRegex(@"\b(1[0-9]{3}|20[0-9]{2}|[0-9]{1,2}(st|nd|rd|th)? centur(y|ies)|January|February|March|April|May|June|July|August|September|October|November|December|[0-9]{3,4}s|BC|AD|BCE|CE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DatePattern();

    /// <summary>Words that give a reason or a purpose.</summary>
    [GeneratedRegex(@"\b(because|since|due to|owing to|as a result|so that|in order to|reasons?|caused?|led to|therefore|thus|hence|for fear|necessary|needed|to avoid|to prevent|to ensure)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReasonPattern();

    /// <summary>A word glossed: "meaning", "literally", "Russian for", a quoted word followed by "or" and another, "(Latin: ...".</summary>
    [GeneratedRegex(@"\b(means|meaning|meant|literally|translates?|translated|translation|derived from|comes from|(Latin|Greek|Russian|French|German|Arabic|Persian|Hebrew|Norse|Sanskrit|Spanish|Italian|Dutch|Chinese|Japanese|Turkish|English) (for|word))\b|""\s*(or|--|—)\s*""|\((Latin|Greek|French|German|Russian|Arabic|Norse|Old English|meaning|lit\.|literally|from)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GlossPattern();

    [GeneratedRegex(@"\b([0-9][0-9,.]*%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|half)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();
}
