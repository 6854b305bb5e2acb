using System.Diagnostics;
using System.Numerics.Tensors;
using System.Text.Json;
using HistoryBot.Core.Text;
using HistoryBot.Embeddings;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HistoryBot.Training;

/// <summary>
/// <c>--pair-probe</c>: can the shipped encoder, frozen, tell a SQuAD 2.0 question written to look answerable from an
/// answerable one, given the sentence each points at? Each training question is paired with the sentence holding its
/// answer (answerable) or its plausible answer (unanswerable), and a logistic regression is fitted over vectors the
/// encoder gives the pair: the cosine of question and sentence alone (the retrieval signal the answer path has), the
/// encoder's pooled vector of question and sentence read as one text (its attention sees both), the element-wise
/// product and distance of the two vectors, and the per-word vectors of the pair read as one text, mean- and max-pooled
/// or attention-pooled (<see cref="AttentionPooling"/>, the pooling learned with the classifier). Held out by article: the two training articles with unanswerable questions
/// each tested on a model fitted on the other nine. Prints the area under the ROC curve and the share of unanswerable
/// questions declined at the threshold that declines 3 % of the answerable ones.
/// </summary>
internal static class PairProbe
{
    private const int Dimensions = 384;

    private sealed class Row
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    internal sealed record Pair(string Article, string Question, string Sentence, bool Answerable)
    {
        /// <summary>The other sentences of the question's paragraph.</summary>
        public IReadOnlyList<string> Others { get; init; } = [];
    }

    public static int Run(string repository, TextWriter output)
    {
        var pairs = Pairs(Path.Combine(repository, "training", "squad2-train", "train-v2.0-first10.json"));
        output.WriteLine($"{pairs.Count} questions paired with their (plausible) answer's sentence, {pairs.Count(p => !p.Answerable)} unanswerable");
        var stopwatch = Stopwatch.StartNew();
        using var embedder = new ArcticXsEmbedder();
        var questions = pairs.Select(p => embedder.EmbedQuery(p.Question)).ToArray();
        var sentences = embedder.EmbedPassages([.. pairs.Select(p => p.Sentence)]);
        var joint = embedder.EmbedPassages([.. pairs.Select(p => p.Question + " " + p.Sentence)]);
        var tokens = pairs.Chunk(32).SelectMany(batch => embedder.EmbedTokens([.. batch.Select(p => p.Question + " " + p.Sentence)]))
            .Select(t => t.Vectors.ToArray()).ToArray();
        output.WriteLine($"encoded in {stopwatch.Elapsed.TotalSeconds:F0} s");

        float[] Product(int i) => [.. questions[i].Zip(sentences[i], (a, b) => a * b), .. questions[i].Zip(sentences[i], (a, b) => Math.Abs(a - b))];
        float[] MeanAndMax(int i) => [.. Enumerable.Range(0, Dimensions).Select(k => tokens[i].Average(v => v[k])), .. Enumerable.Range(0, Dimensions).Select(k => tokens[i].Max(v => v[k]))];
        var ml = new MLContext(seed: 1);
        Func<List<int>, List<int>, float[]> Logistic(Func<int, float[]> features) => (train, test) => Scores(ml, features, pairs, train, test);
        var variants = new (string Name, Func<List<int>, List<int>, float[]> Scores)[]
        {
            ("cosine of question and sentence", Logistic(i => [TensorPrimitives.Dot(questions[i], sentences[i])])),
            ("pooled vector of the pair as one text", Logistic(i => joint[i])),
            ("product and distance of the two vectors", Logistic(Product)),
            ("all of them", Logistic(i => [.. joint[i], .. Product(i), TensorPrimitives.Dot(questions[i], sentences[i])])),
            ("mean and max of the pair's token vectors", Logistic(MeanAndMax)),
            ("the pair's token vectors, attention-pooled", (train, test) =>
            {
                var pooling = new AttentionPooling(Dimensions);
                pooling.Fit([.. train.Select(i => tokens[i])], [.. train.Select(i => pairs[i].Answerable)]);
                return [.. test.Select(i => pooling.Score(tokens[i]))];
            }),
        };
        var tested = pairs.Where(p => !p.Answerable).Select(p => p.Article).Distinct().ToList();
        foreach (var (name, score) in variants)
        {
            var figures = tested.Select(article =>
            {
                var train = Enumerable.Range(0, pairs.Count).Where(i => pairs[i].Article != article).ToList();
                var test = Enumerable.Range(0, pairs.Count).Where(i => pairs[i].Article == article).ToList();
                return $"{article}: {Figures([.. test.Select(i => pairs[i].Answerable)], score(train, test))}";
            });
            output.WriteLine($"{name}: {string.Join("; ", figures)}");
        }

        return 0;
    }

    private static float[] Scores(MLContext ml, Func<int, float[]> features, IReadOnlyList<Pair> pairs, List<int> train, List<int> test)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features(0).Length);
        IDataView Load(List<int> rows) => ml.Data.LoadFromEnumerable(rows.Select(i => new Row { Label = pairs[i].Answerable, Features = features(i) }), schema);
        var model = ml.Transforms.NormalizeMeanVariance(nameof(Row.Features))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l2Regularization: 1f))
            .Fit(Load(train));
        return [.. model.Transform(Load(test)).GetColumn<float>("Score")];
    }

    /// <summary>
    /// The AUC of answerable against unanswerable (the chance that an answerable question scores above an unanswerable
    /// one, ties counting half), and the share of unanswerable declined at the threshold that declines 3 % of the answerable.
    /// </summary>
    internal static string Figures(bool[] answerable, float[] scores)
    {
        var positives = scores.Where((_, k) => answerable[k]).Order().ToArray();
        var negatives = scores.Where((_, k) => !answerable[k]).ToArray();
        var threshold = positives[(int)(positives.Length * 0.03)];
        var auc = positives.Sum(a => negatives.Sum(u => a > u ? 1.0 : a == u ? 0.5 : 0.0)) / ((double)positives.Length * negatives.Length);
        return $"AUC {auc:F3}, declined {negatives.Count(s => s < threshold) / (double)negatives.Length:F3}";
    }

    internal static List<Pair> Pairs(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var pairs = new List<Pair>();
        foreach (var article in document.RootElement.GetProperty("data").EnumerateArray())
        {
            var title = article.GetProperty("title").GetString()!;
            foreach (var paragraph in article.GetProperty("paragraphs").EnumerateArray())
            {
                var context = paragraph.GetProperty("context").GetString()!;
                var spans = SentenceSplitter.Split(context);
                foreach (var qa in paragraph.GetProperty("qas").EnumerateArray())
                {
                    var unanswerable = qa.TryGetProperty("is_impossible", out var impossible) && impossible.GetBoolean();
                    var answers = qa.GetProperty(unanswerable ? "plausible_answers" : "answers");
                    if (answers.GetArrayLength() == 0)
                    {
                        continue;
                    }

                    var start = answers[0].GetProperty("answer_start").GetInt32();
                    if (spans.FirstOrDefault(s => s.Start <= start && start < s.Start + s.Length) is { Length: > 0 } span)
                    {
                        var others = spans.Where(s => s.Start != span.Start && s.Length > 0).Select(s => context.Substring(s.Start, s.Length)).ToList();
                        pairs.Add(new Pair(title, qa.GetProperty("question").GetString()!, context.Substring(span.Start, span.Length), !unanswerable) { Others = others });
                    }
                }
            }
        }

        return pairs;
    }
}
