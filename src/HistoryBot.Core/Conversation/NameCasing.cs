using System.Text;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Conversation;

/// <summary>
/// Gives the names of a question typed in lower case their capital ("what did lenin think" becomes "what did Lenin
/// think"), asking the corpus which words are names, so the follow-up rules that look for capitalised names work
/// whatever the case the question was typed in.
/// </summary>
internal static class NameCasing
{
    private static readonly HashSet<string> NotNames = new(English.QuestionStopWords, StringComparer.Ordinal);

    public static string Restore(string text, Func<string, bool>? isName)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (isName is null)
        {
            return text;
        }

        var result = new StringBuilder(text);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetter(text[i]) || (text[i] is '\'' or '’' && start >= 0));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..i];
                if (char.IsLower(word[0]) && word.All(c => !char.IsUpper(c)) && !NotNames.Contains(word) && isName(word))
                {
                    result[start] = char.ToUpperInvariant(word[0]);
                }

                start = -1;
            }
        }

        return result.ToString();
    }
}
