using System.Text.RegularExpressions;

namespace HistoryBot.Core.Intent;

/// <summary>
/// Takes the framing off a chatty question, so it is answered like its short form: "I am writing an essay for school
/// and I was wondering, what was ...?" asks "what was ...?". Framing is a greeting, a request to tell ("can you tell
/// me", "I'd like to know", "please"), a wish to know ("I was wondering"), or a note on why one asks ("I'm writing an
/// essay for school"), at the start, and "please" or "thanks" at the end. None of its words are what is asked, and its
/// nouns ("essay", "school") would otherwise be searched for.
/// </summary>
internal static partial class QuestionFraming
{
    /// <summary>At least this many words must remain, else the text is left as it was ("Can you tell me?").</summary>
    private const int MinimumWordsLeft = 2;

    /// <summary>The text without its framing; the text itself when it has none or when too little would remain.</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var framing in Leading)
            {
                var match = framing.Match(rest);
                if (match.Success && match.Length > 0)
                {
                    rest = rest[match.Length..].TrimStart();
                    changed = true;
                }
            }
        }

        var framed = rest;
        rest = Trailing().Replace(framed, m => m.Value.Contains('?', StringComparison.Ordinal) && !framed[..m.Index].EndsWith('?') ? "?" : "").Trim();
        return CountWords(rest) >= MinimumWordsLeft && rest.Length < text.Trim().Length ? rest : text.Trim();
    }

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));

    private static readonly Regex[] Leading =
    [
        Greeting(), Filler(), Occasion(), Wondering(), WantToKnow(), CanYouTell(), DoYouKnow(), HaveAQuestion(), Please(),
    ];

    private const string End = @"(\s*[,.:;!?-]+\s*|\s+)";

    [GeneratedRegex(@"^(hi|hello|hey|heya|hiya|howdy|greetings|good (morning|afternoon|evening)|dear (bot|historybot))(\s+(there|all|everyone|bot|historybot|again))?" + End, RegexOptions.IgnoreCase)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(so|ok|okay|well|um+|uh+|hmm+|btw|by the way|also|and|basically|honestly|actually|anyway|quick question|one more (thing|question)|another question|question|sorry|excuse me|out of curiosity|just curious|just wondering)" + End, RegexOptions.IgnoreCase)]
    private static partial Regex Filler();

    /// <summary>"I'm writing an essay for school and", "for my homework,", "my teacher asked us".</summary>
    [GeneratedRegex(@"^((i\s*(am|'m|’m)|im|we\s*(are|'re|’re))\s+(currently\s+|just\s+)?(writing|doing|working on|preparing|studying for|revising for|researching)\s+(an?|my|our|the|some)\s+(\w+\s+)?(essay|paper|report|project|assignment|homework|presentation|thesis|exam|test|quiz|class)(\s+(for|in|at)\s+(school|class|college|university|uni|my\s+\w+(\s+class)?|history(\s+class)?))?|for\s+(my|an?|our)\s+(\w+\s+)?(essay|paper|report|project|assignment|homework|presentation|thesis|exam|class)|my\s+(teacher|professor|tutor)\s+asked\s+(us|me)(\s+this)?)(\s+(and|so|but))?" + End, RegexOptions.IgnoreCase)]
    private static partial Regex Occasion();

    /// <summary>"I was wondering,", "I'm curious about", "I wonder whether".</summary>
    [GeneratedRegex(@"^((and|so|but)\s+)?(i\s*(was|am|'m|’m|have\s+always\s+been|'ve\s+always\s+been)|im|i've|i)\s+(just\s+|always\s+|really\s+)?(wondering|wondered|wonder|curious)(\s+(about|if|whether))?" + End, RegexOptions.IgnoreCase)]
    private static partial Regex Wondering();

    /// <summary>"I'd like to know", "I would love to know", "I want to know", "I need to find out".</summary>
    [GeneratedRegex(@"^((and|so|but)\s+)?(i\s*(would|'d|’d)\s+(like|love)|i\s+(want|wanted|need|needed)|id\s+like)\s+to\s+(know|find\s+out|learn|understand|ask(\s+you)?)(\s+(if|whether))?" + End, RegexOptions.IgnoreCase)]
    private static partial Regex WantToKnow();

    /// <summary>"can you tell me", "could you please explain", "would you mind telling me", "tell me".</summary>
    [GeneratedRegex(@"^((can|could|would|will)\s+(you|u)\s+(please\s+|kindly\s+)?(tell|explain\s+to|show|remind)\s+(me|us)|would\s+you\s+mind\s+telling\s+(me|us)|(please\s+)?tell\s+(me|us)|(can|could|would)\s+(you|u)\s+(please\s+)?explain|please\s+explain|help\s+me\s+understand)(\s+(if|whether))?" + End, RegexOptions.IgnoreCase)]
    private static partial Regex CanYouTell();

    /// <summary>"do you know", "does anyone know", "any idea".</summary>
    [GeneratedRegex(@"^((do|does)\s+(you|u|anyone|anybody)\s+(happen\s+to\s+)?know|any\s+idea|have\s+you\s+(got\s+)?any\s+idea)(\s+(if|whether))?" + End, RegexOptions.IgnoreCase)]
    private static partial Regex DoYouKnow();

    [GeneratedRegex(@"^(i\s+have\s+(a|another|one)\s+(quick\s+)?question(\s+for\s+you)?|i\s+have\s+(a|another)\s+(quick\s+)?question\s+about\s+history|can\s+i\s+ask(\s+you)?\s+(a|something|one)(\s+(quick\s+)?question)?)" + End, RegexOptions.IgnoreCase)]
    private static partial Regex HaveAQuestion();

    [GeneratedRegex(@"^(please|pls|plz|kindly)" + End, RegexOptions.IgnoreCase)]
    private static partial Regex Please();

    /// <summary>
    /// ", please?", " thanks!", " thank you in advance", ", can you help?", " if you know" at the end; a question mark is
    /// kept.
    /// </summary>
    [GeneratedRegex(@"([,\s]+(please|pls|plz|thanks|thank\s+you|thanks\s+in\s+advance|thank\s+you\s+in\s+advance|ty|(can|could|would)\s+(you|u|anyone)\s+help(\s+(me|us))?(\s+(please|pls))?|if\s+(you|u)\s+(can|could|know)|if\s+possible|any\s+ideas?))+\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Trailing();
}
