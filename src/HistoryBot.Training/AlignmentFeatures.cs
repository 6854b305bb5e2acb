using System.Numerics.Tensors;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Retrieval;
using HistoryBot.Embeddings;

namespace HistoryBot.Training;

/// <summary>
/// Token-level alignment of a question with each shortlisted sentence through the encoder's per-word vectors (its last
/// hidden state): how well each question word is matched in the sentence, not only whether. An experiment of the
/// trainer (<c>--align</c>): the app does not compute these, so a model trained with them is not shipped.
/// </summary>
internal static class AlignmentFeatures
{
    /// <summary>The features, appended to <see cref="SentenceFeatures.Names"/> in this order.</summary>
    public static readonly IReadOnlyList<string> Names = ["alignMean", "alignRareMin", "alignShare", "alignGap"];

    /// <summary>
    /// The cosine from which a question word counts as aligned: set a priori, without labels, at about the 10th percentile
    /// of the best cosine a question term gets in a sentence that has the term itself (a 200-question slice of the training
    /// questions: percentiles 1/5/10/25/50 0.553 / 0.630 / 0.681 / 0.755 / 0.810; the trainer prints them for every run).
    /// </summary>
    public const float Aligned = 0.7f;

    /// <summary>Feature value when no question word maps to the encoder's words.</summary>
    private const float Missing = -1f;

    /// <summary>
    /// The features of every sentence: the idf-weighted mean over the question's terms of each one's best cosine to any
    /// word of the sentence; the least of those over the question's rarer terms (idf at least the question's mean); the
    /// idf-weighted share of terms aligned at least <see cref="Aligned"/>; and the gap of the mean to the shortlist's best.
    /// </summary>
    /// <param name="literal">When given, receives each term's best cosine in each sentence that has the term itself (the
    /// distribution <see cref="Aligned"/> was read from).</param>
    public static float[][] Describe(
        QuestionAnalysis question, TokenVectors questionWords, IReadOnlyList<TokenVectors> sentences, List<float>? literal = null)
    {
        // Each question term's encoder words: those the index analysis turns into the term (or one of its spellings).
        var terms = new List<(double Idf, List<float[]> Vectors)>();
        var stems = new List<HashSet<string>>();
        foreach (var term in question.Terms)
        {
            var vectors = questionWords.Words
                .Select((w, i) => (w, i))
                .Where(x => TermMatching.Analyzer.Terms(x.w).Any(t => t == term.Stem || term.Alternatives.Any(a => a.Term == t)))
                .Select(x => questionWords.Vectors[x.i])
                .ToList();
            if (vectors.Count > 0)
            {
                terms.Add((term.Idf, vectors));
                stems.Add([term.Stem, .. term.Alternatives.Select(a => a.Term)]);
            }
        }

        var result = sentences.Select(s => Alignment(terms, s)).ToArray();
        if (literal is not null)
        {
            foreach (var sentence in sentences)
            {
                var here = TermMatching.TermSet(string.Join(' ', sentence.Words));
                for (var t = 0; t < terms.Count; t++)
                {
                    if (stems[t].Overlaps(here))
                    {
                        literal.Add(terms[t].Vectors.Max(q => sentence.Vectors.Max(w => TensorPrimitives.Dot(q, w))));
                    }
                }
            }
        }

        var best = result.Select(r => r[0]).DefaultIfEmpty(Missing).Max();
        foreach (var r in result)
        {
            r[3] = r[0] == Missing ? Missing : best - r[0];
        }

        return result;
    }

    private static float[] Alignment(List<(double Idf, List<float[]> Vectors)> terms, TokenVectors sentence)
    {
        var words = sentence.Words.Select((w, i) => (w, i)).Where(x => x.w.Any(char.IsLetterOrDigit)).Select(x => sentence.Vectors[x.i]).ToList();
        var idf = terms.Sum(t => t.Idf);
        if (terms.Count == 0 || words.Count == 0 || idf <= 0)
        {
            return [Missing, Missing, Missing, Missing];
        }

        var best = terms.Select(t => t.Vectors.Max(q => words.Max(w => TensorPrimitives.Dot(q, w)))).ToList();
        var mean = terms.Zip(best).Sum(x => x.First.Idf * x.Second) / idf;
        var meanIdf = idf / terms.Count;
        var rareMin = terms.Zip(best).Where(x => x.First.Idf >= meanIdf).Select(x => x.Second).DefaultIfEmpty(Missing).Min();
        var share = terms.Zip(best).Where(x => x.Second >= Aligned).Sum(x => x.First.Idf) / idf;
        return [(float)mean, rareMin, (float)share, 0];
    }
}
