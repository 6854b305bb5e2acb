using System.Text.RegularExpressions;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Answering;

/// <summary>A shortlisted candidate sentence with the features the answer model reads.</summary>
/// <param name="Sentence">The sentence as the hand scorer scored it.</param>
/// <param name="HandConfidence">The hand-written confidence (<see cref="ConfidenceEstimator"/>) had it been quoted.</param>
/// <param name="Features">One value per <see cref="SentenceFeatures.Names"/>, in that order.</param>
internal sealed record CandidateSentence(ScoredSentence Sentence, double HandConfidence, float[] Features);

/// <summary>
/// The feature stage: one vector per shortlisted candidate sentence, from the question (read once in its
/// <see cref="QuestionAnalysis"/>), the hand scorer's signals and cheap new ones a model can weigh where a hand rule could
/// not (bigram overlap, how close together the matched words are, numbers that agree or clash, negation, words matched
/// only around the sentence). Only the best <see cref="ShortlistSize"/> sentences by hand score are described, which keeps
/// the cost per question small.
/// </summary>
internal sealed partial class SentenceFeatures(ConfidenceEstimator confidence)
{
    /// <summary>How many of the best sentences by hand score the model chooses among.</summary>
    public const int ShortlistSize = 10;

    /// <summary>Feature value of an embedding similarity in lexical mode (no embeddings).</summary>
    private const float Missing = -1f;

    /// <summary>The features, in vector order. A model file names the ones it reads; renaming one invalidates models.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "kind", "questionTerms", "questionNames", "absentRareWords",
        "handScore", "handRank", "handGap", "handConfidence",
        "coverage", "context", "salience", "neighbourOnly", "nonNameCoverage", "namesHere", "namesNear",
        "semantic", "semanticRank", "semanticGap",
        "passageScore", "passageRank", "sentenceIndex", "sentenceLength",
        "cueHere", "cueNeighbour", "hasDate", "hasNumber", "hasNewName", "backReference",
        "someoneElse", "bigramOverlap", "matchDensity", "numbersAgree", "numbersClash", "negationDiffers",
        "unmatchedNear", "unmatchedSalience", "unmatchedShare",
    ];

    private static readonly Dictionary<string, int> Index = Names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);

    /// <summary>The position of a named feature in the vector, or -1 when there is no such feature.</summary>
    public static int IndexOf(string name) => Index.GetValueOrDefault(name, -1);

    /// <summary>The best <see cref="ShortlistSize"/> sentences by hand score, best first, each with its features.</summary>
    public IReadOnlyList<CandidateSentence> Describe(QuestionAnalysis question, IReadOnlyList<CandidatePassage> candidates, SentenceScores scores)
    {
        var shortlist = scores.Sentences
            .Select((s, i) => (s, i))
            .OrderByDescending(x => x.s.Score)
            .ThenBy(x => x.i)
            .Take(ShortlistSize)
            .Select(x => x.s)
            .ToList();
        if (shortlist.Count == 0)
        {
            return [];
        }

        var maxLexical = candidates.Max(c => c.LexicalScore);
        var passageRank = candidates.Select((c, i) => (c.Passage.Id, i)).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var semanticOrder = shortlist.Select(s => s.Semantic ?? -1).OrderByDescending(v => v).ToList();
        var bestSemantic = semanticOrder[0];
        var facts = new QuestionFacts(question);
        var result = new List<CandidateSentence>(shortlist.Count);
        for (var rank = 0; rank < shortlist.Count; rank++)
        {
            var s = shortlist[rank];
            var hand = confidence.Confidence(question, s);
            var f = new float[Names.Count];
            facts.Fill(f);
            f[Index["handScore"]] = (float)s.Score;
            f[Index["handRank"]] = rank;
            f[Index["handGap"]] = (float)(shortlist[0].Score - s.Score);
            f[Index["handConfidence"]] = (float)hand;
            f[Index["coverage"]] = (float)s.Coverage;
            f[Index["context"]] = (float)s.Context;
            f[Index["salience"]] = (float)s.Salience;
            f[Index["neighbourOnly"]] = (float)Math.Max(0, s.Context - s.Coverage);
            f[Index["semantic"]] = s.Semantic is { } sem ? (float)sem : Missing;
            f[Index["semanticRank"]] = semanticOrder.IndexOf(s.Semantic ?? -1);
            f[Index["semanticGap"]] = (float)(bestSemantic - (s.Semantic ?? -1));
            f[Index["passageScore"]] = maxLexical > 0 ? (float)(s.Passage.LexicalScore / maxLexical) : 0;
            f[Index["passageRank"]] = passageRank[s.Passage.Passage.Id];
            f[Index["sentenceIndex"]] = s.SentenceIndex;
            f[Index["someoneElse"]] = s.AboutSomeoneElse ? 1 : 0;
            DescribeText(question, facts, s, f);
            result.Add(new CandidateSentence(s, hand, f));
        }

        return result;
    }

    private static void DescribeText(QuestionAnalysis question, QuestionFacts facts, ScoredSentence s, float[] f)
    {
        var sentences = s.Passage.Passage.Sentences;
        var text = sentences[s.SentenceIndex].Text;
        var previous = s.SentenceIndex > 0 ? sentences[s.SentenceIndex - 1].Text : string.Empty;
        var next = s.SentenceIndex + 1 < sentences.Count ? sentences[s.SentenceIndex + 1].Text : string.Empty;
        var words = question.LowerCaseWords;
        f[Index["sentenceLength"]] = text.Length / 100f;
        f[Index["cueHere"]] = AnswerCues.Carries(question.Kind, text, words) ? 1 : 0;
        f[Index["cueNeighbour"]] = AnswerCues.Carries(question.Kind, previous, words) || AnswerCues.Carries(question.Kind, next, words) ? 1 : 0;
        f[Index["hasDate"]] = AnswerCues.Carries(QuestionKind.When, text, words) ? 1 : 0;
        f[Index["hasNumber"]] = AnswerCues.Carries(QuestionKind.HowMany, text, words) ? 1 : 0;
        f[Index["hasNewName"]] = English.HasNewName(text, words) ? 1 : 0;
        f[Index["backReference"]] = English.StartsWithBackReference(text) ? 1 : 0;
        f[Index["negationDiffers"]] = Negation().IsMatch(text) != facts.Negated ? 1 : 0;

        var tokens = TermMatching.Analyzer.Tokens(text);
        var here = tokens.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var near = TermMatching.TermSet($"{previous} {next}");
        near.UnionWith(here);

        // Names of the question found in the sentence, and around it.
        var names = question.Terms.Where(t => question.NameStems.Contains(t.Stem)).ToList();
        f[Index["namesHere"]] = names.Count == 0 ? 1 : (float)names.Average(t => TermMatching.Match(t, here));
        f[Index["namesNear"]] = names.Count == 0 ? 1 : (float)names.Average(t => TermMatching.Match(t, near));
        // Question words nowhere around the sentence: the detail an unanswerable question changes is often one of them.
        var unmatched = question.Terms.Where(t => TermMatching.Match(t, near) <= 0).ToList();
        f[Index["unmatchedNear"]] = unmatched.Count;
        f[Index["unmatchedSalience"]] = (float)unmatched.Select(t => t.Salience).DefaultIfEmpty(0).Max();
        f[Index["unmatchedShare"]] = question.TotalSalience <= 0 ? 0 : (float)(unmatched.Sum(t => t.Salience) / question.TotalSalience);
        var others = question.Terms.Where(t => !question.NameStems.Contains(t.Stem)).ToList();
        var otherWeight = others.Sum(t => t.Idf);
        f[Index["nonNameCoverage"]] = otherWeight <= 0 ? 0 : (float)(others.Sum(t => t.Idf * TermMatching.Match(t, here)) / otherWeight);

        // Where in the sentence each question word is matched: adjacent question words matched close together, and how
        // densely the matches sit.
        var positions = new List<(int Term, int Token)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            for (var t = 0; t < question.Terms.Count; t++)
            {
                if (question.Terms[t].Alternatives.Any(a => a.Term == tokens[i].Term))
                {
                    positions.Add((t, i));
                }
            }
        }

        var pairs = 0;
        var pairsFound = 0;
        for (var t = 0; t + 1 < question.Terms.Count; t++)
        {
            if (question.Terms[t + 1].Position - question.Terms[t].Position > 1)
            {
                continue;
            }

            pairs++;
            var a = t;
            if (positions.Any(p => p.Term == a && positions.Any(q => q.Term == a + 1 && Math.Abs(q.Token - p.Token) <= 2)))
            {
                pairsFound++;
            }
        }

        f[Index["bigramOverlap"]] = pairs == 0 ? 0 : (float)pairsFound / pairs;
        var distinct = positions.Select(p => p.Term).Distinct().Count();
        f[Index["matchDensity"]] = distinct < 2 ? 0 : (float)distinct / (positions.Max(p => p.Token) - positions.Min(p => p.Token) + 1);

        // Numbers: the question's found in the sentence, or the sentence has numbers and none of the question's.
        var sentenceNumbers = tokens.Where(t => t.Term.Any(char.IsAsciiDigit)).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var agree = facts.Numbers.Count(sentenceNumbers.Contains);
        f[Index["numbersAgree"]] = agree;
        f[Index["numbersClash"]] = facts.Numbers.Count > 0 && agree == 0 && sentenceNumbers.Count > 0 ? 1 : 0;
    }

    [GeneratedRegex(@"\b(not|never|no|none|neither|nor|without)\b|n't\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    /// <summary>The question-level features, the same for every sentence of one question.</summary>
    private sealed class QuestionFacts
    {
        /// <summary>How rare in general prose (background IDF) an absent word must be to count.</summary>
        private const double RareWord = 3.5;

        private readonly float _kind;
        private readonly float _terms;
        private readonly float _names;
        private readonly float _absent;

        public QuestionFacts(QuestionAnalysis question)
        {
            _kind = (float)question.Kind;
            _terms = question.Terms.Count;
            _names = question.Names.Count;
            _absent = question.Terms.Count(t => !t.InCorpus && BackgroundFrequencies.Instance.Idf(t.Stem) >= RareWord);
            Numbers = question.Terms.Where(t => t.Stem.Any(char.IsAsciiDigit)).Select(t => t.Stem).ToList();
            Negated = Negation().IsMatch(question.Question);
        }

        public IReadOnlyList<string> Numbers { get; }

        public bool Negated { get; }

        public void Fill(float[] f)
        {
            f[Index["kind"]] = _kind;
            f[Index["questionTerms"]] = _terms;
            f[Index["questionNames"]] = _names;
            f[Index["absentRareWords"]] = _absent;
        }
    }
}
