using System.Collections.Concurrent;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Text;
using Lucene.Net.Index;

namespace HistoryBot.Core.Retrieval;

/// <summary>
/// Turns a question into weighted index terms: stems it, weighs each word by its rarity in the corpus, corrects
/// words the corpus lacks to a close spelling it has, and adds reviewed synonyms.
/// </summary>
internal sealed class QuestionAnalyzer : IDisposable
{
    /// <summary>
    /// Most words whose index facts are remembered (<see cref="WordFacts"/>: a few hundred bytes each); past it the
    /// memory starts afresh. A chat or Discord bot meets the same words again and again.
    /// </summary>
    internal const int MaxRememberedWords = 50_000;

    /// <summary>Salience of a word every passage has, as a share of its background rarity: it still counts a little.</summary>
    private const double SalienceFloor = 0.3;

    /// <summary>The rest of a word's salience, earned by how specific it is within the corpus.</summary>
    private const double SalienceFromSpecificity = 0.7;

    private readonly QuestionOptions _options;
    private readonly HistoryBotAnalyzer _analyzer = HistoryBotAnalyzer.ForQuestions();
    private readonly HistoryBotAnalyzer _indexAnalyzer = HistoryBotAnalyzer.ForIndexing();
    private readonly Dictionary<string, string[]> _synonyms;
    private readonly int _documentCount;
    private readonly HashSet<string> _meaningStems;
    private readonly TermLookup _lookup;
    private readonly bool _ownsLookup;
    private readonly SpellingCorrector _spelling;
    private readonly ConcurrentDictionary<(string Stem, bool IsName), WordFacts> _words = new();

    /// <param name="lookup">Term lookups over <paramref name="reader"/>, owned by the caller; null: its own.</param>
    public QuestionAnalyzer(IndexReader reader, QuestionOptions options, TermLookup? lookup = null)
    {
        _ownsLookup = lookup is null;
        _lookup = lookup ?? new TermLookup(reader);
        _spelling = new SpellingCorrector(reader, _lookup, options.TwoEditMinimumLength);
        _options = options;
        _documentCount = Math.Max(1, reader.NumDocs);
        _synonyms = BuildSynonyms(HistoryBotAnalyzer.ForIndexing());
        _meaningStems = QuestionClassifier.MeaningWords.SelectMany(w => _analyzer.Terms(w)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The question cut to <see cref="QuestionOptions.MaxQuestionLength"/> characters (not inside a surrogate pair), and
    /// whether it was cut: nothing after this stage sees more.
    /// </summary>
    internal static (string Text, bool Clipped) Clip(string question, int maxLength)
    {
        if (question.Length <= maxLength)
        {
            return (question, false);
        }

        var end = char.IsHighSurrogate(question[maxLength - 1]) ? maxLength - 1 : maxLength;
        return (question[..end], true);
    }

    public QuestionAnalysis Analyze(string? question)
    {
        var (text, clipped) = Clip(question ?? string.Empty, _options.MaxQuestionLength);
        var kind = QuestionClassifier.Classify(text);
        var stems = _analyzer.Terms(text);
        if (kind == QuestionKind.Meaning)
        {
            stems = stems.Where(s => !_meaningStems.Contains(s)).ToList();
        }

        var names = English.NamesInQuestion(text).SelectMany(n => _analyzer.Terms(n)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var terms = new List<QuestionTerm>();
        for (var i = 0; i < stems.Count; i++)
        {
            var stem = stems[i];
            if (!seen.Add(stem))
            {
                continue;
            }

            var term = Weigh(stem, i, names.Contains(stem));
            if (!term.InCorpus && _options.DropMisspeltCommonWords && !names.Contains(stem) && BackgroundFrequencies.Instance.LooksMisspelt(stem))
            {
                continue;
            }

            terms.Add(term);
        }

        if (terms.Count > _options.MaxQuestionTerms)
        {
            terms = terms.OrderByDescending(t => t.InCorpus).ThenByDescending(t => t.Idf).Take(_options.MaxQuestionTerms)
                .OrderBy(t => t.Position).ToList();
        }

        return new QuestionAnalysis(text, terms, kind) { Clipped = clipped };
    }

    /// <summary>BM25's inverse document frequency of a term in the passage text.</summary>
    public double Idf(int documentFrequency)
    {
        var df = Math.Clamp(documentFrequency, 0, _documentCount);
        return Math.Log(1 + ((_documentCount - df + 0.5) / (df + 0.5)));
    }

    /// <summary>How many words' index facts are remembered now (for tests).</summary>
    internal int RememberedWords => _words.Count;

    public void Dispose()
    {
        if (_ownsLookup)
        {
            _lookup.Dispose();
        }
    }

    /// <summary>
    /// What the index says of a question word: the terms that stand for it and its document frequency. It depends only
    /// on the word and the index, so it is worked out once per word, not per question: a word the corpus lacks costs a
    /// spelling search (Levenshtein automata of up to two edits, intersected with the terms dictionary: about 100 KiB
    /// of garbage each time) and forty-odd variant lookups.
    /// </summary>
    private sealed record WordFacts(IReadOnlyList<TermAlternative> Alternatives, int DocFreq);

    private QuestionTerm Weigh(string stem, int position, bool isName)
    {
        if (!_words.TryGetValue((stem, isName), out var facts))
        {
            facts = LookUp(stem, isName);
            if (_words.Count >= MaxRememberedWords)
            {
                _words.Clear();
            }

            _words.TryAdd((stem, isName), facts);
        }

        // A word the corpus lacks weighs like the rarest word: asking about it makes an answer less likely.
        // Salience: generic words ("year", "happen") matter little; so do words every passage has ("Lenin" in a Lenin corpus).
        var idf = Idf(facts.DocFreq);
        var specificity = idf / Idf(0);
        var salience = BackgroundFrequencies.Instance.Idf(stem) * (SalienceFloor + (SalienceFromSpecificity * specificity));
        return new QuestionTerm(stem, position, idf, facts.Alternatives, salience);
    }

    private WordFacts LookUp(string stem, bool isName)
    {
        var alternatives = new List<TermAlternative>();
        var df = DocFreq(stem);
        if (df > 0)
        {
            alternatives.Add(new TermAlternative(stem, 1.0, TermSource.Exact));
        }
        else if (_spelling.Correct(stem, isName) is { } corrected)
        {
            alternatives.Add(new TermAlternative(corrected, _options.CorrectionWeight, TermSource.Corrected));
            df = DocFreq(corrected);
        }

        foreach (var variant in Variants(stem))
        {
            if (alternatives.All(a => a.Term != variant))
            {
                alternatives.Add(new TermAlternative(variant, _options.VariantWeight, TermSource.Variant));
                df = Math.Max(df, DocFreq(variant));
            }
        }

        if (_synonyms.TryGetValue(stem, out var synonyms))
        {
            foreach (var synonym in synonyms)
            {
                if (synonym != stem && DocFreq(synonym) > 0 && alternatives.All(a => a.Term != synonym))
                {
                    alternatives.Add(new TermAlternative(synonym, _options.SynonymWeight, TermSource.Synonym));
                }
            }
        }

        return new WordFacts(alternatives.ToArray(), df);
    }

    private static readonly string[] Suffixes =
        ["s", "e", "y", "er", "or", "al", "ic", "ed", "ly", "ist", "ism", "ian", "ive", "ion", "ing", "ure", "ship", "ment"];

    /// <summary>Indexed words that differ from the stem by a derivational suffix the stemmer leaves alone, either way round.</summary>
    private IEnumerable<string> Variants(string stem)
    {
        if (stem.Length < 4 || stem.Any(char.IsDigit))
        {
            yield break;
        }

        foreach (var suffix in Suffixes)
        {
            var longer = stem + suffix;
            if (_lookup.DocFreq(IndexFields.Text, longer) > 0)
            {
                yield return longer;
            }

            if (suffix.Length > 1 && stem.Length - suffix.Length >= 5 && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                var shorter = stem[..^suffix.Length];
                if (_lookup.DocFreq(IndexFields.Text, shorter) > 0)
                {
                    yield return shorter;
                }
            }
        }

        // Negated forms answer yes/no questions: "Did Lenin like Trotsky?" is answered by "Lenin disliked Trotsky".
        foreach (var prefix in NegatingPrefixes)
        {
            foreach (var negated in _indexAnalyzer.Terms(prefix + stem))
            {
                if (negated != stem && _lookup.DocFreq(IndexFields.Text, negated) > 0)
                {
                    yield return negated;
                }
            }
        }
    }

    private static readonly string[] NegatingPrefixes = ["dis", "un", "non", "mis"];

    private int DocFreq(string term) =>
        _lookup.DocFreq(IndexFields.Text, term)
        + _lookup.DocFreq(IndexFields.Section, term)
        + _lookup.DocFreq(IndexFields.Title, term);

    private static Dictionary<string, string[]> BuildSynonyms(HistoryBotAnalyzer analyzer)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var group in Synonyms.Groups.Concat(Synonyms.PlaceAdjectives))
        {
            var stems = group.SelectMany(w => analyzer.Terms(w)).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var stem in stems)
            {
                if (!map.TryGetValue(stem, out var set))
                {
                    map[stem] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(stems);
            }
        }

        foreach (var (broader, narrower) in Synonyms.Narrower)
        {
            var narrowerStems = narrower.SelectMany(w => analyzer.Terms(w)).ToArray();
            foreach (var stem in broader.SelectMany(w => analyzer.Terms(w)).Distinct(StringComparer.Ordinal))
            {
                if (!map.TryGetValue(stem, out var set))
                {
                    map[stem] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(narrowerStems);
            }
        }

        return map.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }
}
