using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Embeddings;
using HistoryBot.Training;
using Microsoft.Extensions.Logging.Abstractions;

// Trains the answer model: dotnet run --project src/HistoryBot.Training -c Release [-- --out FILE --work DIR --folds N --seed N]
// Run from the repository's root. Prints cross-validated figures (grouped by article) and writes the model file.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Arguments.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: historybot-train [--repo DIR] [--out FILE] [--work DIR] [--folds N] [--seed N] [--reuse-rows] [--ranker] [--swaps] [--written] [--written-test] [--without FEATURE,...] [--align] [--limit N] [--fold-seed N] [--pair-probe] [--cross-encoder LAYERS,EPOCHS,RATE[,CONTRASTS]] [--rerank-probe LAYERS,EPOCHS,RATE[,K[,DEPTH]]]");
    return 2;
}

if (options.CrossEncoder is { } crossEncoder)
{
    return HistoryBot.Training.CrossEncoder.CrossEncoderProbe.Run(options.Repository, Console.Out, crossEncoder);
}

if (options.Rerank is { } rerank)
{
    Directory.CreateDirectory(options.Work);
    return HistoryBot.Training.CrossEncoder.RerankProbe.Run(options.Repository, options.Work, Console.Out, rerank, options.Limit);
}

if (options.PairProbe)
{
    return PairProbe.Run(options.Repository, Console.Out);
}

var stopwatch = Stopwatch.StartNew();
var corpus = Path.Combine(options.Work, "corpus");
var questions = TrainingSets.Prepare(options.Repository, corpus, options.Swaps, options.WrittenUnanswerable);
if (options.Limit is { } limit && limit < questions.Count)
{
    // A slice (--limit N): every k-th question, to measure a costly variant before running it on everything.
    var every = questions.Count / (double)limit;
    questions = [.. Enumerable.Range(0, limit).Select(i => questions[(int)(i * every)])];
}

// The sentence features: the engine's, and with --align the token alignment (AlignmentFeatures) appended.
IReadOnlyList<string> featureNames = options.Align ? [.. SentenceFeatures.Names, .. AlignmentFeatures.Names] : SentenceFeatures.Names;
Console.WriteLine($"{questions.Count} questions ({questions.Count(q => q.Unanswerable)} unanswerable) on {questions.Select(q => q.Group).Distinct().Count()} articles");

var rowsPath = Path.Combine(options.Work, $"rows{(options.Align ? "-align" : "")}{(options.WrittenUnanswerable ? "-written" : "")}{(options.Limit is { } n ? $"-{n}" : "")}.jsonl");
using var tokenEmbedder = options.Align ? new ArcticXsEmbedder() : null;
var alignMilliseconds = new List<double>();
var literalCosines = new List<float>();
IReadOnlyList<QuestionRows> data;
if (options.ReuseRows && File.Exists(rowsPath))
{
    data = FeatureRows.Load(rowsPath);
}
else
{
    using var builder = new HistoryBotEngineBuilder(NullLoggerFactory.Instance).UseEmbedder(_ => new ArcticXsEmbedder());
    HistoryBotEngine Open(string folder, string index) => TrainingEngine.Open(builder, folder, Path.Combine(options.Work, index));
    using (var engine = Open(corpus, "index"))
    {
        Console.WriteLine($"engine ready ({engine.Mode}) after {stopwatch.Elapsed.TotalSeconds:F0} s");
        data = FeatureRows.Extract(engine, questions, Console.Out, tokenEmbedder, alignMilliseconds, literalCosines);
    }

    var offTopicCorpus = Path.Combine(options.Work, "corpus-offtopic");
    var offTopic = TrainingSets.PrepareOffTopic(options.Repository, offTopicCorpus, questions, options.OffTopicEvery);
    using (var engine = Open(offTopicCorpus, "index-offtopic"))
    {
        Console.WriteLine($"{offTopic.Count} off-topic questions");
        data = [.. data, .. FeatureRows.Extract(engine, offTopic, Console.Out, tokenEmbedder, alignMilliseconds, literalCosines)];
    }

    FeatureRows.Save(rowsPath, data);
    if (alignMilliseconds.Count > 0)
    {
        alignMilliseconds.Sort();
        Console.WriteLine($"token alignment per question (one encoder call for the question and its shortlist, and the features): "
            + $"median {alignMilliseconds[alignMilliseconds.Count / 2]:F1} ms, p95 {alignMilliseconds[(int)(alignMilliseconds.Count * 0.95)]:F1} ms over {alignMilliseconds.Count} questions");
        literalCosines.Sort();
        Console.WriteLine("best cosine of a question term in a sentence that has the term, percentiles 1/5/10/25/50: "
            + string.Join(" / ", new[] { 0.01, 0.05, 0.10, 0.25, 0.50 }.Select(p => literalCosines[(int)(p * (literalCosines.Count - 1))].ToString("F3"))));
    }
}

// The generated swaps (training/squad2-train/swapped.jsonl) train the calibrations only with --swaps (rows reused from a
// run with them are dropped without it): cross-validated, they did not raise the objective (see bench/eval/README.md), so
// the shipped model is trained without them.
if (!options.Swaps)
{
    data = [.. data.Where(q => q.Question.Set != TrainingSets.Swapped)];
}

// Features left out (--without a,b): their values set to 0 in every row, so no tree or calibration can use them (ablation).
foreach (var index in options.Without.Select(n => featureNames.ToList().IndexOf(n)))
{
    foreach (var row in data.SelectMany(q => q.Rows))
    {
        row.Features[index] = 0;
    }
}

var rowCount = data.Sum(q => q.Rows.Count);
Console.WriteLine($"{data.Count} questions in all; {rowCount} candidate rows, {data.Sum(q => q.Rows.Count(r => r.Label))} positive; "
    + $"a right quote among the shortlist for {data.Count(q => q.Rows.Any(r => r.Label)) / (double)data.Count(q => !q.Question.Unanswerable):F3} of the answerable questions");

var digest = FeatureRows.Digest(data);
Console.WriteLine(FeatureRows.CompareWithShipped(digest));

var trainer = new EnsembleTrainer(options.Seed);
var cv = new CrossValidation(trainer, options.Folds, options.SentenceTrees, featureNames, options.Ranker);
var folds = CrossValidation.Folds(data, options.Folds, options.FoldSeed);
var probabilities = cv.SentenceProbabilities(data, folds);
var rules = CrossValidation.HandDecided(data, folds, probabilities, CrossValidation.RulesPick);
var learnedPick = CrossValidation.HandDecided(data, folds, probabilities, CrossValidation.ModelPick);
Report.CrossValidated("rules pick, hand-written confidence", rules);
Report.CrossValidated("learned pick, hand-written confidence", learnedPick);
var handScale = HandScale.Fit(trainer, rules);
HandScale.Report(rules, HandScale.CrossValidated(trainer, rules), handScale);

// The calibration of each path: a logistic regression over the pick's features, its features chosen among a few nested
// sets by the cross-validated objective (each set's figures printed), fitted out of fold on the sentence model's
// out-of-fold probabilities (what it sees at run time: probabilities of a model that has not seen the question).
(LinearCalibration Calibration, double Threshold, List<Outcome> Outcomes) Calibrate(string label, CrossValidation.Pick pick)
{
    var (names, outcomes) = CalibrationFeatures.Candidates
        .Select(names =>
        {
            var outcomes = cv.Linear(data, folds, probabilities, pick, names);
            Report.CrossValidated($"{label} pick, calibrated over {string.Join('+', names)}", outcomes, brief: true);
            return (names, outcomes);
        })
        .ToList()
        .MaxBy(x => Figures.Objective(Figures.WithFoldThresholds(x.outcomes, out _), 0));
    Report.CrossValidated($"{label} pick, calibrated (chosen: {string.Join('+', names)})", outcomes);

    // The same linear score mapped to a probability by an isotonic map instead of the logistic function: kept when its
    // cross-validated calibration error (of the answers given at the per-fold thresholds) is lower.
    var isotonicOutcomes = cv.Linear(data, folds, probabilities, pick, names, isotonic: true);
    Report.CrossValidated($"{label} pick, isotonic over {string.Join('+', names)}", isotonicOutcomes);
    var logisticEce = Figures.Reliability(Figures.WithFoldThresholds(outcomes, out _)).Ece;
    var isotonicEce = Figures.Reliability(Figures.WithFoldThresholds(isotonicOutcomes, out _)).Ece;
    var logisticObjective = Figures.Objective(Figures.WithFoldThresholds(outcomes, out _), 0);
    var isotonicObjective = Figures.Objective(Figures.WithFoldThresholds(isotonicOutcomes, out _), 0);
    var useIsotonic = isotonicEce < logisticEce && isotonicObjective >= logisticObjective;
    Console.WriteLine($"{label} pick: expected calibration error logistic {logisticEce:F3}, isotonic {isotonicEce:F3}; objective logistic "
        + $"{logisticObjective:F4}, isotonic {isotonicObjective:F4}: {(useIsotonic ? "isotonic" : "logistic")} kept (isotonic only when it calibrates better without deciding worse)");
    if (useIsotonic)
    {
        outcomes = isotonicOutcomes;
    }

    var rows = CrossValidation.AnswerExamples(data, probabilities, pick).Select(e => (e.Features, e.Label)).ToList();
    var calibration = trainer.Logistic(AnswerModel.AnswerFeatureNames, names, rows);
    if (useIsotonic)
    {
        calibration = trainer.Isotonic(calibration, rows);
    }

    Console.WriteLine($"{label} pick calibration: p = 1 / (1 + exp(-({calibration.Bias:F3} "
        + string.Concat(calibration.Features.Zip(calibration.Weights).Select(x => $"{(x.Second < 0 ? " - " : " + ")}{Math.Abs(x.Second):F3} × {x.First}")) + ")))");
    return (calibration, Figures.BestThreshold(outcomes), outcomes);
}

var rulesCalibrated = Calibrate("rules", CrossValidation.RulesPick);
var learned = Calibrate("learned", CrossValidation.ModelPick);
File.WriteAllLines(Path.Combine(options.Work, "outcomes.tsv"), data.Select((q, i) => string.Join('\t',
    q.Question.Set, q.Question.Group, q.Question.Unanswerable,
    $"{rules[i].Confidence:F4}", rules[i].Right, $"{rulesCalibrated.Outcomes[i].Confidence:F4}",
    $"{learnedPick[i].Confidence:F4}", learnedPick[i].Right, $"{learned.Outcomes[i].Confidence:F4}", q.Question.Question)));

// The shipped sentence model is fitted on everything.
var sentenceRows = data.Where(CrossValidation.SentenceModelLearnsFrom).SelectMany(q => q.Rows).Select(r => (r.Features, r.Label)).ToList();
var sentence = cv.FitSentenceModel(data);
Report.Agreement("sentence", trainer, sentence, sentenceRows);
Report.Importances("sentence model", featureNames, sentence.Gains);
var model = new AnswerModel(
    sentence.Ensemble,
    learned.Calibration,
    learned.Threshold,
    rulesCalibrated.Calibration,
    rulesCalibrated.Threshold,
    $"{questions.Count} questions on {questions.Select(q => q.Group).Distinct().Count()} articles: SQuAD 2.0 training excerpt (training/squad2-train, CC BY-SA 4.0), bench/eval/books, seed-questions.jsonl; seed {options.Seed}; rows {digest}",
    handScale);
var json = JsonSerializer.Serialize(model);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
File.WriteAllText(options.Output, json + "\n");
if (!options.Align)
{
    // A model with the alignment features reads features the app does not compute: it would not load (nor is it shipped).
    using var check = File.OpenRead(options.Output);
    AnswerModel.Read(check);
}

Console.WriteLine($"thresholds {learned.Threshold:F2} (learned pick), {rulesCalibrated.Threshold:F2} (rules pick) (best objective on all out-of-fold answers); "
    + $"wrote {options.Output}: {new FileInfo(options.Output).Length / 1024.0:F1} KB, "
    + $"{sentence.Ensemble.Trees.Length} trees; {stopwatch.Elapsed.TotalSeconds:F0} s in all");
return 0;

/// <summary>The candidate feature sets of the calibrations, nested, chosen among by cross-validation.</summary>
internal static class CalibrationFeatures
{
    public static readonly string[][] Candidates =
    [
        ["handConfidence"],
        ["handConfidence", "bestProbability", "margin"],
        ["handConfidence", "bestProbability", "margin", "secondProbability", "semantic", "coverage", "unmatchedShare"],
    ];
}

/// <summary>The trainer's command line.</summary>
internal sealed record Arguments(string Repository, string Output, string Work, int Folds, int Seed, bool ReuseRows)
{
    /// <summary>Every how many SQuAD questions one is also asked, off-topic, of a corpus without its article.</summary>
    public int OffTopicEvery { get; init; } = 8;

    public TreeSettings SentenceTrees { get; init; } = new(100, 16, 20, 0.1);

    /// <summary>Whether the sentence model is a LambdaMART ranker over each question's candidates (--ranker) rather than a per-candidate classifier.</summary>
    public bool Ranker { get; init; }

    /// <summary>Sentence features zeroed before training (an ablation: <c>--without name,name</c>).</summary>
    public IReadOnlyList<string> Without { get; init; } = [];

    /// <summary>Whether the generated swaps train the calibrations (<c>--swaps</c>).</summary>
    public bool Swaps { get; init; }

    /// <summary>Our written unanswerable questions train too (<c>--written</c>; TrainingSets.WrittenUnanswerable).</summary>
    public bool WrittenUnanswerable { get; init; }

    /// <summary>With <c>--cross-encoder</c>: test on half the articles of the written questions (<c>--written-test</c>).</summary>
    public bool WrittenTest { get; init; }

    /// <summary>
    /// Whether the token-alignment features are computed and used (<c>--align</c>, an experiment: the app does not compute
    /// them, so the model is written to the work folder unless <c>--out</c> names a file, as with <c>--limit</c>).
    /// </summary>
    public bool Align { get; init; }

    /// <summary>Shuffles the articles' assignment to folds with this seed (<c>--fold-seed N</c>; default largest first).</summary>
    public int? FoldSeed { get; init; }

    /// <summary>Only a slice of this many questions (<c>--limit N</c>), to measure a costly variant first.</summary>
    public int? Limit { get; init; }

    /// <summary>Runs the frozen-encoder probe (PairProbe.cs) instead of training (<c>--pair-probe</c>).</summary>
    public bool PairProbe { get; init; }

    /// <summary>
    /// Fine-tunes the encoder's top layers as a cross-encoder and measures it (CrossEncoder/CrossEncoderProbe.cs) instead of
    /// training (<c>--cross-encoder layers,epochs,learning rate</c>; with <c>--swaps</c> the generated questions are negatives too).
    /// </summary>
    public HistoryBot.Training.CrossEncoder.CrossEncoderSettings? CrossEncoder { get; init; }

    /// <summary><c>--rerank-probe LAYERS,EPOCHS,RATE[,K[,DEPTH]]</c>: a cross-encoder re-ranking the hand ranking's top K.</summary>
    public HistoryBot.Training.CrossEncoder.CrossEncoderSettings? Rerank { get; init; }

    private bool OutputNamed { get; init; }

    public static Arguments? Parse(string[] args)
    {
        var result = new Arguments(
            ".", Path.Combine("src", "HistoryBot.Core", "Answering", "Resources", "answer-model.json"),
            Path.Combine(Path.GetTempPath(), "historybot-train"), 5, 1, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i]);
            try
            {
                result = args[i] switch
                {
                    "--repo" => result with { Repository = Next() },
                    "--out" => result with { Output = Next(), OutputNamed = true },
                    "--work" => result with { Work = Next() },
                    "--folds" => result with { Folds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--seed" => result with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--reuse-rows" => result with { ReuseRows = true },
                    "--sentence-trees" => result with { SentenceTrees = Trees(Next()) },
                    "--without" => result with { Without = Features(Next()) },
                    "--swaps" => result with { Swaps = true },
                    "--ranker" => result with { Ranker = true },
                    "--written" => result with { WrittenUnanswerable = true },
                    "--written-test" => result with { WrittenUnanswerable = true, WrittenTest = true },
                    "--align" => result with { Align = true },
                    "--pair-probe" => result with { PairProbe = true },
                    "--cross-encoder" => result with { CrossEncoder = HistoryBot.Training.CrossEncoder.CrossEncoderSettings.Parse(Next()) },
                    "--rerank-probe" => result with { Rerank = HistoryBot.Training.CrossEncoder.CrossEncoderSettings.ParseRerank(Next()) },
                    "--fold-seed" => result with { FoldSeed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--limit" => result with { Limit = int.Parse(Next(), CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new FormatException() },
                    _ => throw new ArgumentException(args[i]),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                return null;
            }
        }

        if (result.CrossEncoder is { } crossEncoder)
        {
            result = result with { CrossEncoder = crossEncoder with { Swaps = result.Swaps, Written = result.WrittenUnanswerable, WrittenTest = result.WrittenTest, Seed = result.Seed } };
        }

        if (result.Rerank is { } rerank)
        {
            result = result with { Rerank = rerank with { Seed = result.Seed } };
        }

        if (!result.Align && result.Without.Any(AlignmentFeatures.Names.Contains))
        {
            return null;
        }

        // An experiment's model (alignment features the app does not compute, a slice, or the written unanswerable questions
        // before cross-validation has chosen them) never replaces the shipped one by default.
        return (result.Align || result.Limit is not null || result.WrittenUnanswerable) && !result.OutputNamed
            ? result with { Output = Path.Combine(result.Work, "answer-model-experiment.json") }
            : result;
    }

    private static string[] Features(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.All(n => SentenceFeatures.IndexOf(n) >= 0 || AlignmentFeatures.Names.Contains(n)) ? names : throw new ArgumentException(value);
    }

    /// <summary>"trees,leaves,minimum per leaf,learning rate".</summary>
    private static TreeSettings Trees(string value)
    {
        var parts = value.Split(',');
        return new TreeSettings(
            int.Parse(parts[0], CultureInfo.InvariantCulture),
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture),
            double.Parse(parts[3], CultureInfo.InvariantCulture));
    }
}
