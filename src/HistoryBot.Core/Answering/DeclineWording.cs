using System.Globalization;

namespace HistoryBot.Core.Answering;

/// <summary>
/// What a person is told when the bot quotes nothing, by <see cref="Answer.Reason"/>: the same words in the console,
/// in chat and on Discord (adapters only escape them). Small talk gets a friendly line that says what the bot knows
/// (the corpus in one line) and how to ask; never a quote.
/// </summary>
public static class DeclineWording
{
    /// <summary>Most document titles named in the corpus line; the rest are counted.</summary>
    public const int MaxTitlesNamed = 3;

    public const string HowToAsk =
        "Ask a question in plain English, as you would ask a person, e.g. “Who …?”, “When did … happen?” or “Why did …?”.";

    /// <summary>The message for a declined answer (<see cref="Answer.DeclineMessage"/> when it was not found).</summary>
    /// <param name="documents">How many documents the corpus has.</param>
    /// <param name="titles">The documents' titles, in corpus order.</param>
    public static string For(Answer answer, int documents, IReadOnlyList<string> titles)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(titles);
        return answer.Reason switch
        {
            DeclineReason.SmallTalk => SmallTalk(answer.SmallTalk ?? SmallTalkKind.About, documents, titles),
            DeclineReason.Language => answer.Language is { Length: > 0 } language
                ? $"I only understand questions in English, and this looks like {language}. Please ask again in English."
                : "I only understand questions in English. Please ask again in English.",
            DeclineReason.Empty => "There is nothing to look up in that. " + HowToAsk,
            _ => Answer.DeclineMessage,
        };
    }

    /// <summary>"I answer questions about 1 document, “Lenin and Trotsky”, by quoting it word for word, with its source."</summary>
    public static string CorpusLine(int documents, IReadOnlyList<string> titles)
    {
        ArgumentNullException.ThrowIfNull(titles);
        var named = titles.Where(t => !string.IsNullOrWhiteSpace(t)).Take(MaxTitlesNamed).Select(t => $"“{t.Trim()}”").ToList();
        var count = Math.Max(documents, named.Count);
        var what = count == 1 ? "1 document" : string.Create(CultureInfo.InvariantCulture, $"{count:N0} documents");
        if (named.Count > 0)
        {
            var more = count - named.Count;
            what += (count == 1 ? ", " : " (") + string.Join(", ", named)
                + (more > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {more:N0} more") : "") + (count == 1 ? "," : ")");
        }

        return $"I answer questions about {what} by quoting {(count == 1 ? "it" : "them")} word for word, with the source.";
    }

    private static string SmallTalk(SmallTalkKind kind, int documents, IReadOnlyList<string> titles)
    {
        var opener = kind switch
        {
            SmallTalkKind.Greeting => "Hello!",
            SmallTalkKind.Thanks => "You're welcome!",
            SmallTalkKind.Farewell => "Goodbye, and come back with more questions!",
            SmallTalkKind.Acknowledgement => "Glad to help.",
            _ => "I'm HistoryBot.",
        };
        return $"{opener} {CorpusLine(documents, titles)} {HowToAsk}";
    }
}
