namespace HistoryBot.Core.Intent;

/// <summary>
/// Common function words (articles, pronouns, prepositions, question words, auxiliaries) of English and of the ten
/// languages <see cref="LanguageDetector"/> names, and the letters that only some of them use. Written for this
/// detector from general knowledge of the languages. A word both languages have ("die", "was", "in") counts half for
/// the other language and not at all for English when the two are weighed against each other.
/// </summary>
internal static class LanguageProfiles
{
    /// <summary>English words a question is made of, including the ones other languages share ("die", "was", "in").</summary>
    public static readonly HashSet<string> English = new(Split("""
        the a an and or but of to in on at by for with from about into over after before between against during
        without under since until than as so if then that this these those there here it its he she him his her they
        them their we us our you your i me my is are was were be been being am do does did done have has had having
        will would shall should can could may might must not no who whom whose what when where why how which
        many much some any all each other more most such only also very just one two first last new old
        did die died dies death born become became become lead led rule ruled take took make made give gave get got
        go went come came say said think thought want wanted believe believed happen happened mean means called name
        man men people party war state power time year years day part way world country city government
        tell please s t d ll re ve don doesn didn isn wasn weren aren
        """));

    /// <summary>Function words per language, keyed by the language's English name.</summary>
    public static readonly IReadOnlyDictionary<string, HashSet<string>> Words = new Dictionary<string, HashSet<string>>
    {
        ["French"] = Foreign("""
            le la les un une des du de et est qui que quoi quand où pourquoi comment quel quelle quels quelles combien
            à au aux en dans pour par sur avec sans ne pas plus il elle ils elles je tu nous vous son sa ses leur leurs
            ce cette ces c l qu j n été était étaient ont sont avait avaient fait lui mais ou donc être avoir après avant
            entre contre chez pendant mort né succédé y quelles très aussi a on me
            """),
        ["German"] = Foreign("""
            der das den dem des ein eine einen einem einer eines und ist sind war waren wer wie wann wo warum welche
            welcher welches wieso weshalb woher wohin nicht mit von zu zum zur im auf für über unter nach vor bei aus
            hat hatte hatten haben wurde wurden worden sich er sie es ich du wir ihr sein seine seiner ihre auch aber
            oder dass als noch nur schon gegen zwischen gestorben geboren gestürzt kam denn doch mehr starb nachfolger
            die was in man also will mir mich dir dich kann kannst können wann warum
            """),
        ["Spanish"] = Foreign("""
            el la los las un una unos unas y es son fue fueron era eran quién quien quiénes qué que cuándo cuando dónde
            donde por porque cómo como cuál cual cuáles cuántos cuántas de del al en con sin para sobre entre se su sus
            lo le les no más muy ya murió ha han hay este esta esto pero o desde hasta también después antes sucedió a
            """),
        ["Italian"] = Foreign("""
            il lo la i gli le un uno una e è sono era erano fu furono chi che cosa quando dove perché come quale quali
            quanto quanti di del della dello dei delle degli al alla allo ai nel nella nei con per su tra fra non più si
            suo sua suoi loro ha hanno stato stata morto morta dopo prima anche ma o successo l d in a
            """),
        ["Portuguese"] = Foreign("""
            o a os as um uma e é são foi foram era eram quem que quando onde por porque porquê como qual quais quanto
            quantos de do da dos das no na nos nas em com sem para pelo pela se seu sua seus não mais morreu depois
            antes também mas ou ao à está você sucedeu a
            """),
        ["Dutch"] = Foreign("""
            de het een en is zijn was waren wie wat wanneer waar waarom hoe welke welk van op met voor naar door bij uit
            niet ook maar of dat die er hij zij ze zich werd werden heeft hebben had overleden gestorven na over tussen
            tegen opgevolgd in is
            """),
        ["Polish"] = Foreign("""
            i w z na do się nie jest był była było byli kto co kiedy gdzie dlaczego jak który która które jaki jaka
            o od po przez dla że to ten ta jego jej ich oraz ale czy zmarł zginął przed
            """),
        ["Turkish"] = Foreign("""
            ve bir bu ne kim nerede neden nasıl hangi zaman mi mı mu mü için ile da de çok daha değil olan oldu kadar
            gibi sonra önce öldü kimdir nedir
            """),
        ["Swedish"] = Foreign("""
            och i är var som att en ett det den de vem vad när varför hur vilken vilket vilka av på med för till om
            inte han hon hans hennes dog efter innan mellan i
            """),
        ["Indonesian"] = Foreign("""
            yang dan di ke dari apa siapa kapan mengapa kenapa bagaimana dimana berapa adalah ini itu dengan untuk
            tidak pada dalam akan sudah meninggal
            """),
    };

    /// <summary>Letters that English never uses and that point to one language or a few.</summary>
    public static readonly IReadOnlyDictionary<string, string> Letters = new Dictionary<string, string>
    {
        ["French"] = "àâçèéêëîïôûùœ",
        ["German"] = "äöüß",
        ["Spanish"] = "ñáéíóú¿¡",
        ["Italian"] = "àèéìòù",
        ["Portuguese"] = "ãõçáâêéíóú",
        ["Dutch"] = "ë",
        ["Polish"] = "ąćęłńśźżó",
        ["Turkish"] = "ğışçöü",
        ["Swedish"] = "åäö",
        ["Indonesian"] = "",
    };

    private static string[] Split(string words) =>
        words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static HashSet<string> Foreign(string words) => Split(words).ToHashSet(StringComparer.Ordinal);
}
