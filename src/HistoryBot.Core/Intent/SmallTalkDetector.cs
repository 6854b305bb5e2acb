using System.Text.RegularExpressions;
using HistoryBot.Core.Answering;

namespace HistoryBot.Core.Intent;

/// <summary>
/// Tells conversation ("hi", "thanks!", "ok bye", "who are you?", "help") from a question about the corpus. Only a
/// whole message counts: every word must be a greeting, thanks, farewell or acknowledgement word or a filler around
/// one ("thank you so much", "hello there"), or the message must be one of the questions about the bot itself. A
/// question with anything else in it ("Hi, when did Lenin die?") is a question.
/// </summary>
internal static partial class SmallTalkDetector
{
    private static readonly Dictionary<string, SmallTalkKind> Heads = Kinds(
        // A greeting, thanks or goodbye in another language ("Merci beaucoup", "Danke schön") is still small talk:
        // a person saying thanks should hear "you're welcome", not that only English is understood.
        (SmallTalkKind.Greeting,
            "hi hello hey heya hiya howdy greetings yo hallo hola morning afternoon evening sup bonjour salut ciao "
            + "buongiorno servus moin hej hei"),
        (SmallTalkKind.Thanks,
            "thanks thank thx ty tysm thankyou cheers appreciated appreciate ta merci danke dank gracias grazie obrigado "
            + "obrigada bedankt tack takk"),
        (SmallTalkKind.Farewell, "bye goodbye byebye cya farewell goodnight night later adieu tschüss tschuss adios adiós arrivederci revoir"),
        (SmallTalkKind.Acknowledgement,
            "ok okay k kk cool nice great awesome perfect excellent good fine sure alright yes yeah yep no nope wow "
            + "interesting lol haha hahaha hmm hm gotcha understood noted amazing neat brilliant helpful useful wonderful "
            + "fantastic super lovely"));

    /// <summary>Words that may stand around a head word without making the message a question.</summary>
    private static readonly HashSet<string> Fillers = new(
        ("you u so very much a lot lots again there all everyone everybody guys folks bot historybot my friend dear buddy mate "
        + "oh and for the that this it its your help answer answers info information reply just really too then well i "
        + "see got it to me s is was that's thats quite again anyway now ok good "
        + "beaucoup bien vielen schön schon sehr muchas mille tante"
        + " au").Split(' '),
        StringComparer.Ordinal);

    /// <summary>The kind of small talk <paramref name="text"/> is, or null when it is (or may be) a question.</summary>
    public static SmallTalkKind? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normal = Normalise(text);
        if (normal.Length == 0)
        {
            return null;
        }

        if (HowAreYou().IsMatch(normal))
        {
            return SmallTalkKind.Greeting;
        }

        if (AboutTheBot().IsMatch(normal))
        {
            return SmallTalkKind.About;
        }

        SmallTalkKind? kind = null;
        foreach (var word in normal.Split(' '))
        {
            if (Heads.TryGetValue(word, out var head))
            {
                // Farewell over thanks over greeting over acknowledgement: "ok thanks, bye" is a goodbye.
                kind = Prefer(kind, head);
            }
            else if (!Fillers.Contains(word))
            {
                return null;
            }
        }

        // Only fillers ("i see", "got it"): an acknowledgement too.
        return kind ?? SmallTalkKind.Acknowledgement;
    }

    private static SmallTalkKind Prefer(SmallTalkKind? current, SmallTalkKind next)
    {
        static int Rank(SmallTalkKind k) => k switch
        {
            SmallTalkKind.Farewell => 3,
            SmallTalkKind.Thanks => 2,
            SmallTalkKind.Greeting => 1,
            _ => 0,
        };

        return current is { } c && Rank(c) >= Rank(next) ? c : next;
    }

    /// <summary>Lower case, curly apostrophes made straight, anything but letters, digits and apostrophes a single space.</summary>
    internal static string Normalise(string text)
    {
        var chars = new char[text.Length];
        var n = 0;
        foreach (var c in text.ToLowerInvariant())
        {
            var keep = char.IsLetterOrDigit(c) ? c : c is '\'' or '’' ? '\'' : ' ';
            if (keep == ' ' && (n == 0 || chars[n - 1] == ' '))
            {
                continue;
            }

            chars[n++] = keep;
        }

        return new string(chars, 0, n).Trim().Replace("'", "", StringComparison.Ordinal);
    }

    private static Dictionary<string, SmallTalkKind> Kinds(params (SmallTalkKind Kind, string Words)[] kinds) =>
        kinds.SelectMany(k => k.Words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (w, k.Kind)))
            .ToDictionary(x => x.w, x => x.Kind, StringComparer.Ordinal);

    /// <summary>"how are you", "how's it going", "what's up" (after <see cref="Normalise"/>: no apostrophes).</summary>
    [GeneratedRegex(@"^((hi|hello|hey) )?(how are (you|u|things)( doing)?( today)?|hows it going|how is it going|whats up|what is up|wassup|how do you do)( (bot|historybot|there))?$")]
    private static partial Regex HowAreYou();

    /// <summary>Questions about the bot itself and requests for help, as whole messages.</summary>
    [GeneratedRegex(@"^(((hi|hello|hey|ok|so|and) )?(" +
        @"(who|what) (are|r) (you|u)( exactly)?|who is this|who am i (talking|speaking) (to|with)|" +
        @"who (made|built|created|wrote|programmed|owns|runs) (you|u|this( bot)?)|" +
        @"(whats|what is) (your name|this( bot)?|historybot|this thing)|" +
        @"(are|r) (you|u) (a |an )?(bot|robot|human|real|ai|person|machine|chatbot|chatgpt)|" +
        @"what (can|could|do|should) (you|u|i) (do|know|ask|answer|say|tell me|help (me )?with)( you)?( about)?( here)?|" +
        @"what (questions|topics|things|subjects) (can|could|should|do) (i|you) (ask|answer|know)( you)?( about)?|" +
        @"(whats|what is) in (the|your) (corpus|documents|database|library)|" +
        @"what (documents|texts|books|sources|files) (do|can) you (have|know|read)|" +
        @"how (does|do) (this|it|you) work|how (do|can|should) i (use|ask) (this|you|it|questions)( bot)?|" +
        @"(can|could) you help( me)?|help( me)?|i need help|commands|menu|start|usage|now what|what now|" +
        @"what do you do|tell me about (yourself|you)" +
        @"))( (please|then|bot|historybot))?$")]
    private static partial Regex AboutTheBot();
}
