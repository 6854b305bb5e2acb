using HistoryBot.Core.Answering;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace HistoryBot.Training;

/// <summary>Settings of one boosted-tree model (chosen a priori; see the README for the cross-validated comparison).</summary>
internal sealed record TreeSettings(int Trees, int Leaves, int MinimumPerLeaf, double LearningRate);

/// <summary>
/// Fits ML.NET FastTree binary classifiers with Platt calibration and exports them as <see cref="TreeEnsemble"/>, and the
/// logistic regressions of the answer's calibration (<see cref="LinearCalibration"/>).
/// </summary>
internal sealed class EnsembleTrainer(int seed)
{
    private sealed class Example
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Score { get; set; }

        public float Probability { get; set; }
    }

    /// <summary>A fitted model: the exported ensemble and ML.NET's own gain per feature.</summary>
    internal sealed record Fitted(TreeEnsemble Ensemble, float[] Gains, ITransformer Model, int FeatureCount);

    public Fitted Fit(IReadOnlyList<string> names, IReadOnlyList<(float[] Features, bool Label)> rows, TreeSettings settings)
    {
        var ml = new MLContext(seed);
        var data = Load(ml, names.Count, rows);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinimumPerLeaf,
            LearningRate = settings.LearningRate,
            Seed = seed,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data);
        var (trees, bias, gains) = Export(model.Model.SubModel);
        var calibrator = model.Model.Calibrator;
        return new Fitted(new TreeEnsemble([.. names], trees, bias, calibrator.Slope, calibrator.Offset), gains, model, names.Count);
    }

    private sealed class RankScore
    {
        public float Score { get; set; }
    }

    private sealed class RankExample
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }

        public uint Group { get; set; }
    }

    /// <summary>
    /// A LambdaMART ranker (ML.NET FastTree ranking) over each question's candidates, the question as the group: it learns
    /// the order of a question's candidates (NDCG of the first) rather than each candidate's probability on its own. The
    /// exported ensemble's "probability" is the logistic function of its score (slope −1, offset 0), monotone in the score,
    /// so the most probable candidate is the ranker's first.
    /// </summary>
    public Fitted FitRanker(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<(float[] Features, bool Label)>> questions, TreeSettings settings)
    {
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(RankExample));
        schema[nameof(RankExample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, names.Count);
        var examples = ml.Data.LoadFromEnumerable(
            questions.SelectMany((q, g) => q.Select(r => new RankExample { Features = r.Features, Label = r.Label ? 1 : 0, Group = (uint)g })).ToList(), schema);
        var data = ml.Transforms.Conversion.MapValueToKey(nameof(RankExample.Group)).Fit(examples).Transform(examples);
        var model = ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
        {
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinimumPerLeaf,
            LearningRate = settings.LearningRate,
            RowGroupColumnName = nameof(RankExample.Group),
            Seed = seed,
            NumberOfThreads = 1,
        }).Fit(data);
        var (trees, bias, gains) = Export(model.Model);
        return new Fitted(new TreeEnsemble([.. names], trees, bias, -1, 0), gains, model, names.Count);
    }

    /// <summary>ML.NET's trees in Core's form (which the app evaluates without ML.NET), the ensemble's bias, and the gain per feature.</summary>
    private static (Core.Answering.RegressionTree[] Trees, double Bias, float[] Gains) Export(TreeEnsembleModelParametersBasedOnRegressionTree parameters)
    {
        var ensemble = parameters.TrainedTreeEnsemble;
        var trees = ensemble.Trees.Select((t, i) => new Core.Answering.RegressionTree(
            [.. t.NumericalSplitFeatureIndexes],
            [.. t.NumericalSplitThresholds],
            [.. t.LeftChild],
            [.. t.RightChild],
            [.. t.LeafValues],
            ensemble.TreeWeights[i])).ToArray();
        var gains = new VBuffer<float>();
        parameters.GetFeatureWeights(ref gains);
        return (trees, ensemble.Bias, gains.DenseValues().ToArray());
    }

    /// <summary>
    /// A logistic regression over the named columns of <paramref name="rows"/> (vectors laid out as <paramref name="all"/>):
    /// the linear calibration of an answer's probability from a few of its features.
    /// </summary>
    public LinearCalibration Logistic(IReadOnlyList<string> all, IReadOnlyList<string> names, IReadOnlyList<(float[] Features, bool Label)> rows)
    {
        var ml = new MLContext(seed);
        var columns = names.Select(n => all.ToList().IndexOf(n)).ToArray();
        var data = Load(ml, names.Count, rows.Select(r => (columns.Select(c => r.Features[c]).ToArray(), r.Label)).ToList());
        var fitted = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = 0.1f,
        }).Fit(data).Model.SubModel;
        return new LinearCalibration([.. names], fitted.Weights.Select(w => (double)w).ToArray(), fitted.Bias).ReadingFrom(all)!;
    }

    /// <summary>
    /// <paramref name="linear"/> with an isotonic map of its linear score in place of the logistic function, fitted by
    /// ML.NET's isotonic (PAV) calibrator on <paramref name="rows"/> (vectors laid out as <see cref="AnswerModel.AnswerFeatureNames"/>).
    /// </summary>
    public LinearCalibration Isotonic(LinearCalibration linear, IReadOnlyList<(float[] Features, bool Label)> rows)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Scored { Score = (float)linear.Score(r.Features), Label = r.Label }));
        var calibrator = ((ISingleFeaturePredictionTransformer<IsotonicCalibrator>)ml.BinaryClassification.Calibrators.Isotonic().Fit(data)).Model;
        var result = linear with { Isotonic = new IsotonicMap([.. calibrator.Mins], [.. calibrator.Maxes], [.. calibrator.Values]) };
        // The app evaluates the map without ML.NET: it must give ML.NET's probabilities.
        var worst = rows.Max(r => Math.Abs(result.Probability(r.Features) - calibrator.PredictProbability((float)linear.Score(r.Features))));
        if (worst > 1e-5)
        {
            throw new InvalidOperationException($"The exported isotonic map differs from ML.NET's by {worst:G3}.");
        }

        return result;
    }

    /// <summary>
    /// ML.NET's Platt calibrator fitted to <paramref name="rows"/>' confidences through their logit: a
    /// <see cref="ConfidenceScale"/> (the hand-written confidence's map to the share of right answers).
    /// </summary>
    public ConfidenceScale Platt(IReadOnlyList<(double Confidence, bool Label)> rows)
    {
        var ml = new MLContext(seed);
        static float Logit(double c) => (float)ConfidenceScale.Logit(c);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Scored { Score = Logit(r.Confidence), Label = r.Label }));
        var calibrator = ((ISingleFeaturePredictionTransformer<PlattCalibrator>)ml.BinaryClassification.Calibrators.Platt().Fit(data)).Model;
        var scale = new ConfidenceScale(calibrator.Slope, calibrator.Offset);
        // The app evaluates the map without ML.NET: it must give ML.NET's probabilities.
        var worst = rows.Max(r => Math.Abs(scale.Map(r.Confidence) - calibrator.PredictProbability(Logit(r.Confidence))));
        if (worst > 1e-5)
        {
            throw new InvalidOperationException($"The exported confidence map differs from ML.NET's by {worst:G3}.");
        }

        return scale;
    }

    private sealed class Scored
    {
        public float Score { get; set; }

        public bool Label { get; set; }
    }

    /// <summary>ML.NET's own calibrated probabilities for <paramref name="rows"/>: what the exported ensemble must reproduce.</summary>
    public IReadOnlyList<(float Score, float Probability)> Predict(Fitted fitted, IReadOnlyList<(float[] Features, bool Label)> rows)
    {
        var ml = new MLContext(seed);
        var scored = fitted.Model.Transform(Load(ml, fitted.FeatureCount, rows));
        if (fitted.Model is RankingPredictionTransformer<FastTreeRankingModelParameters>)
        {
            // A ranker gives a score only; the exported ensemble's probability is its logistic function.
            return ml.Data.CreateEnumerable<RankScore>(scored, reuseRowObject: false).Select(p => (p.Score, (float)(1 / (1 + Math.Exp(-p.Score))))).ToList();
        }

        return ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).Select(p => (p.Score, p.Probability)).ToList();
    }

    private static IDataView Load(MLContext ml, int featureCount, IReadOnlyList<(float[] Features, bool Label)> rows)
    {
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return ml.Data.LoadFromEnumerable(rows.Select(r => new Example { Features = r.Features, Label = r.Label }), schema);
    }
}
