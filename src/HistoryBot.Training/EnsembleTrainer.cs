using HistoryBot.Core.Answering;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace HistoryBot.Training;

/// <summary>Settings of one boosted-tree model (chosen a priori; see the README for the cross-validated comparison).</summary>
internal sealed record TreeSettings(int Trees, int Leaves, int MinimumPerLeaf, double LearningRate);

/// <summary>Fits ML.NET FastTree binary classifiers with Platt calibration and exports them as <see cref="TreeEnsemble"/>.</summary>
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
        var parameters = model.Model.SubModel;
        var ensemble = parameters.TrainedTreeEnsemble;
        var trees = ensemble.Trees.Select((t, i) => new Core.Answering.RegressionTree(
            [.. t.NumericalSplitFeatureIndexes],
            [.. t.NumericalSplitThresholds],
            [.. t.LeftChild],
            [.. t.RightChild],
            [.. t.LeafValues],
            ensemble.TreeWeights[i])).ToArray();
        var calibrator = model.Model.Calibrator;
        var exported = new TreeEnsemble([.. names], trees, ensemble.Bias, calibrator.Slope, calibrator.Offset);
        var gains = new VBuffer<float>();
        parameters.GetFeatureWeights(ref gains);
        return new Fitted(exported, gains.DenseValues().ToArray(), model, names.Count);
    }

    private sealed class Scored
    {
        [VectorType(1)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    /// <summary>
    /// ML.NET's Platt calibration fitted on <paramref name="rows"/>: given out-of-fold scores, a calibration that does not
    /// share the trees' optimism about the examples they were fitted on (FastTree's own is fitted on its training scores).
    /// </summary>
    public (double Slope, double Offset) Platt(IReadOnlyList<(double Score, bool Label)> rows)
    {
        var ml = new MLContext(seed);
        // Platt's calibration is a logistic regression on the one score: p = 1 / (1 + exp(-(w × score + b))).
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Scored { Features = [(float)r.Score], Label = r.Label }));
        var fitted = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = 0,
        }).Fit(data).Model.SubModel;
        return (-fitted.Weights[0], -fitted.Bias);
    }

    /// <summary>ML.NET's own calibrated probabilities for <paramref name="rows"/>: what the exported ensemble must reproduce.</summary>
    public IReadOnlyList<(float Score, float Probability)> Predict(Fitted fitted, IReadOnlyList<(float[] Features, bool Label)> rows)
    {
        var ml = new MLContext(seed);
        var scored = fitted.Model.Transform(Load(ml, fitted.FeatureCount, rows));
        return ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).Select(p => (p.Score, p.Probability)).ToList();
    }

    private static IDataView Load(MLContext ml, int featureCount, IReadOnlyList<(float[] Features, bool Label)> rows)
    {
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return ml.Data.LoadFromEnumerable(rows.Select(r => new Example { Features = r.Features, Label = r.Label }), schema);
    }
}
