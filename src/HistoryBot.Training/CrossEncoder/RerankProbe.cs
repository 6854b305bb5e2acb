using System.Diagnostics;
using System.Text.Json;
using HistoryBot.Core;
using HistoryBot.Core.Evaluation;
using HistoryBot.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace HistoryBot.Training.CrossEncoder;

/// <summary>
/// <c>--rerank-probe</c>: would a cross-encoder pick the quote better than the hand ranking? The engine shortlists each
/// answerable SQuAD 2.0 training question's candidates as the app does; the top <c>K</c> by hand score become
/// <c>[CLS] question [SEP] quote [SEP]</c> pairs, labelled by ansq1's test (the quote holds the gold answer). The
/// articles are split in two folds; a cross-encoder tuned on one fold's pairs re-ranks the other's shortlists. The
/// figures are the share of questions whose pick holds the answer: the hand pick, the cross-encoder's pick, their fusion
/// (the cross-encoder's logit less λ per hand rank, λ chosen on the other fold's held-out scores), and the best of K.
/// It also times the pairs through ONNX Runtime, the way the app would run a tuned model.
/// </summary>
internal static class RerankProbe
{
    private const int MaxTokens = 128;
    private static readonly double[] Lambdas = [0, 0.1, 0.25, 0.5, 1, 2, 4, double.PositiveInfinity];

    public static int Run(string repository, string work, TextWriter output, CrossEncoderSettings settings, int? limit)
    {
        var (model, tokenizer, full) = ShippedEncoder.Load();
        var depth = settings.Depth is > 0 and var d ? d : full.Layers.Count;
        if (depth > full.Layers.Count || settings.Layers < 1 || settings.Layers > depth)
        {
            Console.Error.WriteLine($"--rerank-probe: the model has {full.Layers.Count} layers; keep 1 to {full.Layers.Count} of them and tune 1 to that many");
            return 2;
        }

        var encoder = full.Truncated(depth);

        var k = settings.Shortlist;
        var shortlists = Shortlists(repository, work, output, limit);
        var questions = shortlists.Select(s => s with { Candidates = [.. s.Candidates.Take(k)] }).ToList();
        var examples = questions
            .SelectMany((q, i) => q.Candidates.Select((c, rank) => new Example(i, rank, CrossEncoderProbe.Tokens(tokenizer, q.Question, c.Quote, MaxTokens), c.Label)))
            .ToList();
        output.WriteLine($"{questions.Count} answerable questions, {examples.Count} pairs (top {k} by hand score), {examples.Count(e => e.Label)} holding the answer, {examples.Average(e => e.Ids.Length):F1} tokens on average");
        output.WriteLine(Timing(model, examples, k));
        if (depth < full.Layers.Count)
        {
            output.WriteLine($"only the first {depth} of {full.Layers.Count} layers are kept: about {depth / (double)full.Layers.Count:P0} of that cost");
        }

        var frozen = encoder.Layers.Count - settings.Layers;
        var stopwatch = Stopwatch.StartNew();
        var inputs = new float[examples.Count][];
        Parallel.For(0, examples.Count, i => inputs[i] = encoder.Run(encoder.Embed(examples[i].Ids, new int[examples[i].Ids.Length]), examples[i].Ids.Length, 0, frozen));
        output.WriteLine($"frozen layers run in {stopwatch.Elapsed.TotalSeconds:F0} s");

        // Two folds of whole articles, the largest first, alternating, so each holds about half the questions.
        var articles = questions.GroupBy(q => q.Article).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        var fold = articles.Select((a, i) => (a, i % 2)).ToDictionary(t => t.a, t => t.Item2);
        var logits = new float[examples.Count];
        for (var held = 0; held < 2; held++)
        {
            var train = Enumerable.Range(0, examples.Count).Where(i => fold[questions[examples[i].Question].Article] != held).ToList();
            var test = Enumerable.Range(0, examples.Count).Except(train).ToList();
            var tuner = new FineTuner(encoder, frozen, settings);
            tuner.Train(
                [.. train.Select(i => (inputs[i], examples[i].Ids.Length, examples[i].Label))],
                epoch =>
                {
                    Parallel.ForEach(test, i => logits[i] = tuner.Score(inputs[i], examples[i].Ids.Length));
                    var picked = Picks(questions, examples, logits, held, fold);
                    output.WriteLine($"fold {held} ({string.Join(", ", articles.Where(a => fold[a] == held))}), epoch {epoch}: {picked.Describe(0)} ({stopwatch.Elapsed.TotalSeconds:F0} s)");
                });
        }

        // Fusion: each fold's λ is the one that picks best on the other fold's held-out scores.
        var all = Enumerable.Range(0, 2).Select(f => Picks(questions, examples, logits, f, fold)).ToList();
        var best = Enumerable.Range(0, 2).Select(f => Lambdas.MaxBy(l => all[1 - f].Fused(l))).ToArray();
        var right = Enumerable.Range(0, 2).Sum(f => all[f].FusedCount(best[f]));
        output.WriteLine($"pooled over both folds ({questions.Count} questions): hand {all.Sum(p => p.Hand) / (double)questions.Count:F3}, "
            + $"cross-encoder {all.Sum(p => p.Encoder) / (double)questions.Count:F3}, fused (λ {best[0]} / {best[1]}) {right / (double)questions.Count:F3}, "
            + $"best of {k} {all.Sum(p => p.Oracle) / (double)questions.Count:F3}");
        return 0;
    }

    private sealed record Candidate(string Quote, bool Label);

    private sealed record Shortlist(string Article, string Question, IReadOnlyList<Candidate> Candidates);

    private sealed record Example(int Question, int Rank, int[] Ids, bool Label);

    /// <summary>Right picks of one fold's questions: by hand rank, by the cross-encoder, and within reach (any of K).</summary>
    internal sealed record FoldPicks(int Hand, int Encoder, int Oracle, IReadOnlyList<(int Rank, float Logit, bool Label)[]> Questions)
    {
        public int FusedCount(double lambda) => Questions.Count(q => q.Length > 0 && q.MaxBy(c => double.IsPositiveInfinity(lambda) ? -c.Rank : c.Logit - (lambda * c.Rank)).Label);

        public double Fused(double lambda) => FusedCount(lambda) / (double)Math.Max(1, Questions.Count);

        public string Describe(double lambda) =>
            $"{Questions.Count} questions: hand {Hand / (double)Questions.Count:F3}, cross-encoder {Encoder / (double)Questions.Count:F3}, "
            + string.Join(", ", Lambdas.Where(l => l > lambda).Select(l => $"λ {l} {Fused(l):F3}")) + $", best of K {Oracle / (double)Questions.Count:F3}";
    }

    private static FoldPicks Picks(List<Shortlist> questions, List<Example> examples, float[] logits, int held, Dictionary<string, int> fold)
    {
        var groups = examples.Select((e, i) => (e, i)).Where(t => fold[questions[t.e.Question].Article] == held)
            .GroupBy(t => t.e.Question).Select(g => g.Select(t => (t.e.Rank, logits[t.i], t.e.Label)).OrderBy(c => c.Rank).ToArray()).ToList();
        var count = questions.Select((q, i) => (q, i)).Count(t => fold[t.q.Article] == held);
        var empty = Enumerable.Repeat(Array.Empty<(int, float, bool)>(), count - groups.Count);
        return new FoldPicks(
            groups.Count(g => g[0].Label),
            groups.Count(g => g.MaxBy(c => c.Item2).Label),
            groups.Count(g => g.Any(c => c.Label)),
            [.. groups, .. empty]);
    }

    /// <summary>
    /// The shortlists of the answerable SQuAD training questions, from the engine as the app builds it; kept in the work
    /// folder under the build of HistoryBot.Core that made them (its module version id: deterministic builds give the same
    /// one for the same code), so a changed engine makes them anew instead of reading stale ones.
    /// </summary>
    private static List<Shortlist> Shortlists(string repository, string work, TextWriter output, int? limit)
    {
        var engineBuild = typeof(HistoryBotEngine).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
        var path = Path.Combine(work, $"rerank-shortlists-{engineBuild}{(limit is { } n ? $"-{n}" : "")}.jsonl");
        if (File.Exists(path))
        {
            return [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Shortlist>(l)!)];
        }

        var corpus = Path.Combine(work, "corpus");
        var questions = TrainingSets.Prepare(repository, corpus, swaps: false).Where(q => q.Set == TrainingSets.Squad && !q.Unanswerable).ToList();
        if (limit is { } slice && slice < questions.Count)
        {
            questions = [.. Enumerable.Range(0, slice).Select(i => questions[i * questions.Count / slice])];
        }

        using var builder = new HistoryBotEngineBuilder(NullLoggerFactory.Instance).UseEmbedder(_ => new ArcticXsEmbedder());
        using var engine = TrainingEngine.Open(builder, corpus, Path.Combine(work, "index"));
        var shortlists = questions
            .Select(q => new Shortlist(q.Group, q.Question, [.. engine.InspectAnalysed(q.Question).Candidates.Select(c => new Candidate(c.Quote, AnswerMetrics.AnswerInQuote(c.Quote, q.Answers)))]))
            .ToList();
        File.WriteAllLines(path, shortlists.Select(s => JsonSerializer.Serialize(s)));
        output.WriteLine($"shortlists of {shortlists.Count} questions written to {path}");
        return shortlists;
    }

    /// <summary>What scoring one question's K pairs costs in ONNX Runtime (the shipped graph; tuned weights would not change it).</summary>
    private static string Timing(byte[] model, List<Example> examples, int k)
    {
        var parts = new List<string>();
        foreach (var threads in new[] { 1, 2 })
        {
            using var options = new SessionOptions { IntraOpNumThreads = threads };
            using var session = new InferenceSession(model, options);
            var times = new List<double>();
            foreach (var group in examples.GroupBy(e => e.Question).Take(60))
            {
                var pairs = group.ToList();
                var width = pairs.Max(p => p.Ids.Length);
                var ids = new long[pairs.Count * width];
                var mask = new long[pairs.Count * width];
                for (var p = 0; p < pairs.Count; p++)
                {
                    for (var t = 0; t < pairs[p].Ids.Length; t++)
                    {
                        ids[(p * width) + t] = pairs[p].Ids[t];
                        mask[(p * width) + t] = 1;
                    }
                }

                var stopwatch = Stopwatch.StartNew();
                using var result = ShippedEncoder.Run(session, ids, mask, pairs.Count, width);
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            times = [.. times.Skip(10).Order()];
            parts.Add($"{threads} thread{(threads > 1 ? "s" : "")}: median {times[times.Count / 2]:F1} ms, p95 {times[(int)(times.Count * 0.95)]:F1} ms");
        }

        return $"ONNX Runtime, all six layers over one question's {k} pairs: {string.Join("; ", parts)}";
    }
}
