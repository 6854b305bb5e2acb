using HistoryBot.Core.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// The English analysis chain: standard tokenizer, possessive and lower-case filters, stop words, Porter stemmer.
/// The question variant also drops question words ("who", "when", "did", ...), which carry no topic.
/// </summary>
internal sealed class HistoryBotAnalyzer : Analyzer
{
    /// <summary>Bump when the chain changes: it is part of the index fingerprint, so old indexes are rebuilt.</summary>
    public const string Version = "en-porter-v2-irregular";

    internal const LuceneVersion Lucene = LuceneVersion.LUCENE_48;

    // Irregular past forms the Porter stemmer cannot join to their verb ("felt" / "feel", "led" / "lead").
    private static readonly (string Form, string Lemma)[] IrregularVerbs =
    [
        ("felt", "feel"), ("led", "lead"), ("fought", "fight"), ("began", "begin"), ("begun", "begin"), ("won", "win"),
        ("took", "take"), ("taken", "take"), ("made", "make"), ("thought", "think"), ("knew", "know"), ("known", "know"),
        ("became", "become"), ("wrote", "write"), ("written", "write"), ("gave", "give"), ("given", "give"),
        ("held", "hold"), ("kept", "keep"), ("lost", "lose"), ("met", "meet"), ("paid", "pay"), ("sent", "send"),
        ("spent", "spend"), ("stood", "stand"), ("taught", "teach"), ("told", "tell"), ("understood", "understand"),
        ("went", "go"), ("gone", "go"), ("brought", "bring"), ("built", "build"), ("bought", "buy"), ("caught", "catch"),
        ("chose", "choose"), ("chosen", "choose"), ("drew", "draw"), ("drawn", "draw"), ("drove", "drive"),
        ("driven", "drive"), ("fell", "fall"), ("fallen", "fall"), ("flew", "fly"), ("flown", "fly"), ("forgot", "forget"),
        ("grew", "grow"), ("grown", "grow"), ("heard", "hear"), ("hid", "hide"), ("hidden", "hide"), ("rose", "rise"),
        ("risen", "rise"), ("sang", "sing"), ("sung", "sing"), ("sat", "sit"), ("saw", "see"), ("seen", "see"),
        ("shot", "shoot"), ("slept", "sleep"), ("sold", "sell"), ("spoke", "speak"), ("spoken", "speak"),
        ("stole", "steal"), ("stolen", "steal"), ("struck", "strike"), ("threw", "throw"), ("thrown", "throw"),
        ("wore", "wear"), ("worn", "wear"), ("fled", "flee"), ("fed", "feed"), ("bore", "bear"), ("borne", "bear"),
        ("sought", "seek"), ("swore", "swear"), ("sworn", "swear"), ("overthrew", "overthrow"),
        ("overthrown", "overthrow"), ("forbade", "forbid"), ("forbidden", "forbid"), ("undertook", "undertake"),
        ("withdrew", "withdraw"), ("withdrawn", "withdraw"), ("arose", "arise"), ("arisen", "arise"), ("slew", "slay"),
        ("slain", "slay"), ("dealt", "deal"), ("meant", "mean"), ("left", "leave"), ("ran", "run"), ("ate", "eat"),
        ("eaten", "eat"), ("lay", "lie"), ("dug", "dig"), ("hung", "hang"), ("shook", "shake"), ("shaken", "shake"),
        ("spread", "spread"), ("split", "split"), ("laid", "lay"),
    ];

    private static readonly CharArrayDictionary<string> IrregularMap = BuildIrregularMap();

    private readonly CharArraySet _stopWords;

    private HistoryBotAnalyzer(CharArraySet stopWords) => _stopWords = stopWords;

    /// <summary>For indexing passage text and for keyword search.</summary>
    public static HistoryBotAnalyzer ForIndexing() => new(EnglishAnalyzer.DefaultStopSet);

    /// <summary>For natural-language questions: stop words plus question words.</summary>
    public static HistoryBotAnalyzer ForQuestions()
    {
        var set = new CharArraySet(Lucene, EnglishAnalyzer.DefaultStopSet, ignoreCase: true);
        foreach (var word in English.QuestionStopWords)
        {
            set.Add(word);
        }

        return new HistoryBotAnalyzer(set.AsReadOnly());
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Lucene, reader);
        TokenStream result = new StandardFilter(Lucene, source);
        result = new EnglishPossessiveFilter(Lucene, result);
        result = new LowerCaseFilter(Lucene, result);
        result = new StopFilter(Lucene, result, _stopWords);
        result = new IrregularFormFilter(result, IrregularMap);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    private static CharArrayDictionary<string> BuildIrregularMap()
    {
        var map = new CharArrayDictionary<string>(Lucene, IrregularVerbs.Length, ignoreCase: false);
        foreach (var (form, lemma) in IrregularVerbs)
        {
            map[form] = lemma;
        }

        return map.AsReadOnly();
    }

    /// <summary>The analysed terms of <paramref name="text"/>, in order (duplicates kept).</summary>
    public IReadOnlyList<string> Terms(string text, string field = IndexFields.Text) =>
        Tokens(text, field).Select(t => t.Term).ToList();

    /// <summary>The analysed terms of <paramref name="text"/> with the character range each came from.</summary>
    public IReadOnlyList<(string Term, int Start, int End)> Tokens(string text, string field = IndexFields.Text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }
}
