using HistoryBot.Core.Indexing;
using HistoryBot.Core.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HistoryBot.Core.Retrieval;

/// <summary>
/// Turns a question into weighted index terms: stems it, weighs each word by its rarity in the corpus, corrects
/// words the corpus lacks to a close spelling it has, and adds reviewed synonyms.
/// </summary>
internal sealed class QuestionAnalyzer
{
    /// <summary>Salience of a word every passage has, as a share of its background rarity: it still counts a little.</summary>
    private const double SalienceFloor = 0.3;

    /// <summary>The rest of a word's salience, earned by how specific it is within the corpus.</summary>
    private const double SalienceFromSpecificity = 0.7;

    private readonly IndexReader _reader;
    private readonly QuestionOptions _options;
    private readonly HistoryBotAnalyzer _analyzer = HistoryBotAnalyzer.ForQuestions();
    private readonly HistoryBotAnalyzer _indexAnalyzer = HistoryBotAnalyzer.ForIndexing();
    private readonly Dictionary<string, string[]> _synonyms;
    private readonly int _documentCount;
    private readonly HashSet<string> _meaningStems;

    public QuestionAnalyzer(IndexReader reader, QuestionOptions options)
    {
        _reader = reader;
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

    private QuestionTerm Weigh(string stem, int position, bool isName)
    {
        var alternatives = new List<TermAlternative>();
        var df = DocFreq(stem);
        if (df > 0)
        {
            alternatives.Add(new TermAlternative(stem, 1.0, TermSource.Exact));
        }
        else if (Correct(stem, isName) is { } corrected)
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

        // A word the corpus lacks weighs like the rarest word: asking about it makes an answer less likely.
        // Salience: generic words ("year", "happen") matter little; so do words every passage has ("Lenin" in a Lenin corpus).
        var idf = Idf(df);
        var specificity = idf / Idf(0);
        var salience = BackgroundFrequencies.Instance.Idf(stem) * (SalienceFloor + (SalienceFromSpecificity * specificity));
        return new QuestionTerm(stem, position, idf, alternatives, salience);
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
            if (_reader.DocFreq(new Term(IndexFields.Text, longer)) > 0)
            {
                yield return longer;
            }

            if (suffix.Length > 1 && stem.Length - suffix.Length >= 5 && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                var shorter = stem[..^suffix.Length];
                if (_reader.DocFreq(new Term(IndexFields.Text, shorter)) > 0)
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
                if (negated != stem && _reader.DocFreq(new Term(IndexFields.Text, negated)) > 0)
                {
                    yield return negated;
                }
            }
        }
    }

    private static readonly string[] NegatingPrefixes = ["dis", "un", "non", "mis"];

    private int DocFreq(string term) =>
        _reader.DocFreq(new Term(IndexFields.Text, term))
        + _reader.DocFreq(new Term(IndexFields.Section, term))
        + _reader.DocFreq(new Term(IndexFields.Title, term));

    /// <summary>
    /// The closest indexed spelling of a word the corpus does not have (names are often misspelt). A name ("Lois") is
    /// corrected from three letters on, other words from four; two edits are allowed from
    /// <see cref="QuestionOptions.TwoEditMinimumLength"/> letters ("asasin" for "assassin"), the closest spelling first.
    /// </summary>
    private string? Correct(string stem, bool isName)
    {
        if (stem.Length < (isName ? 3 : 4) || stem.Any(char.IsDigit))
        {
            return null;
        }

        // One edit first; two only in a long word and with its first two letters right ("asasin" for "assassin", not
        // "router" for "porter" or "outer").
        var rewritten = Rewrite(stem, 1, 1);
        if (rewritten is null && SameButDoubledLetters(stem) is { } undoubled)
        {
            return undoubled;
        }

        if (rewritten is null && stem.Length >= _options.TwoEditMinimumLength)
        {
            rewritten = Rewrite(stem, 2, 2);
        }

        if (rewritten is null)
        {
            return null;
        }

        string? best = null;
        var bestBoost = 0f;
        var bestDf = 0;
        foreach (var clause in rewritten.Clauses)
        {
            if (clause.Query is not TermQuery tq)
            {
                continue;
            }

            var df = _reader.DocFreq(tq.Term);
            if (tq.Boost > bestBoost || (Math.Abs(tq.Boost - bestBoost) < 1e-6 && df > bestDf))
            {
                best = tq.Term.Text;
                bestBoost = tq.Boost;
                bestDf = df;
            }
        }

        return best;
    }

    /// <summary>
    /// The most frequent indexed word two edits away that differs only in doubled letters ("asasin" for "assassin",
    /// "comitee" for "committee"): the commonest misspelling, and one that hardly ever turns one real word into another.
    /// </summary>
    private string? SameButDoubledLetters(string stem)
    {
        var skeleton = Undoubled(stem);
        string? best = null;
        var bestDf = 0;
        foreach (var clause in Rewrite(stem, 2, 1)?.Clauses ?? [])
        {
            if (clause.Query is TermQuery tq && Undoubled(tq.Term.Text) == skeleton && _reader.DocFreq(tq.Term) is var df && df > bestDf)
            {
                best = tq.Term.Text;
                bestDf = df;
            }
        }

        return best;
    }

    private static string Undoubled(string word)
    {
        var builder = new System.Text.StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (builder.Length == 0 || builder[^1] != c)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private BooleanQuery? Rewrite(string stem, int maxEdits, int prefixLength)
    {
        var fuzzy = new FuzzyQuery(new Term(IndexFields.Text, stem), maxEdits, prefixLength, maxExpansions: 16, transpositions: true);
        return fuzzy.Rewrite(_reader) is BooleanQuery { Clauses.Count: > 0 } rewritten ? rewritten : null;
    }

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
