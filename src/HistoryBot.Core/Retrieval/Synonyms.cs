namespace HistoryBot.Core.Retrieval;

/// <summary>
/// A small, reviewed list of words that questions and history texts use for the same thing. Each group is
/// symmetric and holds single words only. Entries are analysed (stemmed) at start-up.
/// Keep groups narrow: a loose synonym quotes the wrong sentence.
/// </summary>
internal static class Synonyms
{
    public static readonly IReadOnlyList<string[]> Groups =
    [
        ["die", "died", "death", "dead", "dying", "perish"],
        ["kill", "killed", "assassinate", "assassinated", "assassination", "murder", "murdered", "slain"],
        ["begin", "began", "start", "started", "commence", "outbreak", "onset"],
        ["end", "ended", "finish", "conclude", "concluded", "ceased"],
        ["car", "automobile", "motorcar"],
        ["leader", "ruler", "head", "chief", "chairman"],
        ["king", "monarch", "emperor", "tsar", "czar", "sovereign"],
        ["successor", "succeed", "succeeded", "replace", "replaced"],
        ["exile", "exiled", "banish", "banished", "expel", "expelled", "deport", "deported"],
        ["war", "warfare", "hostilities", "conflict"],
        ["fight", "battle", "combat"],
        ["born", "birth"],
        ["found", "founded", "establish", "established", "create", "created"],
        ["build", "built", "construct", "constructed", "erect", "erected"],
        ["buy", "bought", "purchase", "purchased", "acquire", "acquired"],
        ["large", "big", "huge", "largest", "biggest"],
        ["small", "little", "tiny", "smallest"],
        ["country", "nation"],
        ["job", "occupation", "profession", "career"],
        ["rival", "enemy", "enemies", "opponent", "adversary", "foe"],
        ["friend", "ally", "associate", "partner"],
        ["disagree", "differ", "differed", "dispute", "disagreement", "difference"],
        ["worker", "labor", "labour", "workers"],
        ["ideology", "belief", "beliefs", "doctrine", "principles", "teachings"],
        ["worldwide", "global", "international"],
        ["revolt", "revolution", "uprising", "rebellion", "insurrection"],
        ["wife", "spouse", "married", "marry"],
        ["money", "funds", "funding", "finance"],
        ["sea", "ocean"],
        ["town", "city"],
        ["spacecraft", "spaceship", "capsule", "vehicle"],
        ["astronaut", "crew", "cosmonaut"],
        ["rock", "stone"],
        ["student", "pupil"],
        ["quick", "fast", "rapid", "speed"],
        ["moon", "lunar"],
        ["sun", "solar"],
        ["earth", "terrestrial"],
        ["power", "control", "authority"],
        ["population", "inhabitants", "residents", "people"],
    ];

    /// <summary>
    /// Places and the adjectives of their people: "Which French city ...?" is answered by a sentence on France, and a
    /// name so matched is not missing from the quote. Weighed as synonyms.
    /// </summary>
    public static readonly IReadOnlyList<string[]> PlaceAdjectives =
    [
        ["France", "French"], ["Germany", "German"], ["England", "English"], ["Britain", "British"], ["Ireland", "Irish"],
        ["Scotland", "Scottish", "Scots"], ["Wales", "Welsh"], ["Spain", "Spanish"], ["Portugal", "Portuguese"],
        ["Italy", "Italian"], ["Netherlands", "Holland", "Dutch"], ["Belgium", "Belgian"], ["Switzerland", "Swiss"],
        ["Austria", "Austrian"], ["Russia", "Russian"], ["Poland", "Polish"], ["Sweden", "Swedish"], ["Norway", "Norwegian"],
        ["Denmark", "Danish"], ["Finland", "Finnish"], ["Greece", "Greek"], ["Turkey", "Turkish"], ["Egypt", "Egyptian"],
        ["Persia", "Persian"], ["Iran", "Iranian"], ["Iraq", "Iraqi"], ["Israel", "Israeli"], ["Arabia", "Arabian"],
        ["China", "Chinese"], ["Japan", "Japanese"], ["India", "Indian"], ["America", "American"], ["Mexico", "Mexican"],
        ["Canada", "Canadian"], ["Australia", "Australian"], ["Rome", "Roman"], ["Europe", "European"], ["Africa", "African"],
        ["Asia", "Asian"], ["Prussia", "Prussian"], ["Saxony", "Saxon"], ["Normandy", "Norman"], ["Venice", "Venetian"],
        ["Athens", "Athenian"], ["Sparta", "Spartan"], ["Lydia", "Lydian"], ["Babylon", "Babylonian"], ["Assyria", "Assyrian"],
        ["Macedonia", "Macedonian"], ["Carthage", "Carthaginian"], ["Syria", "Syrian"], ["Hungary", "Hungarian"],
        ["Ukraine", "Ukrainian"], ["Brazil", "Brazilian"], ["Korea", "Korean"], ["Vietnam", "Vietnamese"], ["Cuba", "Cuban"],
        ["Kuwait", "Kuwaiti"], ["Libya", "Libyan"], ["Algeria", "Algerian"], ["Mongolia", "Mongol", "Mongolian"],
        ["Scandinavia", "Scandinavian"], ["Sicily", "Sicilian"], ["Byzantium", "Byzantine"], ["Thrace", "Thracian"],
    ];

    /// <summary>
    /// Words that answer a question asked with a broader one, one way only: a question on when someone died is answered
    /// by when they were killed, but "Who killed Trotsky?" is not answered by "Trotsky died". Weighed as synonyms.
    /// </summary>
    public static readonly IReadOnlyList<(string[] Broader, string[] Narrower)> Narrower =
    [
        (["die", "died", "death", "dead", "dying"],
            ["killed", "assassinated", "assassination", "murdered", "slain", "slew", "executed", "execution", "strangled"]),
    ];
}
