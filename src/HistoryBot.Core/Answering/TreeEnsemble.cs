using System.Text.Json.Serialization;

namespace HistoryBot.Core.Answering;

/// <summary>
/// One regression tree of a boosted ensemble, as ML.NET's FastTree writes it: node <c>n</c> goes left when
/// <c>features[Feature[n]] &lt;= Threshold[n]</c>, else right; a negative child <c>c</c> is the leaf <c>~c</c>.
/// </summary>
internal sealed record RegressionTree(
    [property: JsonPropertyName("feature")] int[] Feature,
    [property: JsonPropertyName("threshold")] float[] Threshold,
    [property: JsonPropertyName("left")] int[] Left,
    [property: JsonPropertyName("right")] int[] Right,
    [property: JsonPropertyName("leaves")] double[] Leaves,
    [property: JsonPropertyName("weight")] double Weight = 1)
{
    public double Evaluate(ReadOnlySpan<float> features)
    {
        if (Feature.Length == 0)
        {
            return Weight * Leaves[0];
        }

        var node = 0;
        while (node >= 0)
        {
            node = features[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        }

        return Weight * Leaves[~node];
    }

    /// <summary>Whether every index is in range, so that <see cref="Evaluate"/> cannot fail or loop.</summary>
    public bool IsValid(int featureCount)
    {
        var nodes = Feature.Length;
        if (Threshold.Length != nodes || Left.Length != nodes || Right.Length != nodes || Leaves.Length != nodes + 1)
        {
            return false;
        }

        bool ValidChild(int child, int parent) => child < 0 ? ~child < Leaves.Length : child > parent && child < nodes;
        for (var n = 0; n < nodes; n++)
        {
            if (Feature[n] < 0 || Feature[n] >= featureCount || !ValidChild(Left[n], n) || !ValidChild(Right[n], n))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// A boosted tree ensemble with a Platt calibration: a probability from a feature vector. Written by the trainer
/// (<c>src/HistoryBot.Training</c>, with ML.NET) and evaluated here by hand, so that the app does not load ML.NET at
/// run time: ML.NET's prediction engines are not thread-safe, cost tens of megabytes and a slow first call, and scoring a
/// few dozen trees needs none of that.
/// </summary>
/// <param name="Features">The names of the features the trees read, in the order their indices refer to.</param>
/// <param name="Bias">Added to the sum of the trees.</param>
/// <param name="PlattSlope">ML.NET's Platt calibrator: probability = 1 / (1 + exp(slope × score + offset)).</param>
internal sealed record TreeEnsemble(
    [property: JsonPropertyName("features")] string[] Features,
    [property: JsonPropertyName("trees")] RegressionTree[] Trees,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("plattSlope")] double PlattSlope,
    [property: JsonPropertyName("plattOffset")] double PlattOffset)
{
    /// <summary>The ensemble's raw score: the bias plus every tree's weighted leaf.</summary>
    public double Score(ReadOnlySpan<float> features)
    {
        var sum = Bias;
        foreach (var tree in Trees)
        {
            sum += tree.Evaluate(features);
        }

        return sum;
    }

    /// <summary>The calibrated probability of the positive class.</summary>
    public double Probability(ReadOnlySpan<float> features) => 1 / (1 + Math.Exp((PlattSlope * Score(features)) + PlattOffset));

    public bool IsValid() => Trees.All(t => t.IsValid(Features.Length)) && double.IsFinite(Bias) && double.IsFinite(PlattSlope) && double.IsFinite(PlattOffset);

    /// <summary>
    /// This ensemble reading vectors laid out as <paramref name="available"/> names them (its trees' feature indices
    /// rewritten); null when one of its features is not available (a model trained on features the code no longer has).
    /// </summary>
    public TreeEnsemble? ReadingFrom(IReadOnlyList<string> available)
    {
        var map = new int[Features.Length];
        for (var i = 0; i < Features.Length; i++)
        {
            map[i] = -1;
            for (var j = 0; j < available.Count; j++)
            {
                if (available[j] == Features[i])
                {
                    map[i] = j;
                    break;
                }
            }

            if (map[i] < 0)
            {
                return null;
            }
        }

        var trees = Trees.Select(t => t with { Feature = t.Feature.Select(f => map[f]).ToArray() }).ToArray();
        return this with { Features = [.. available], Trees = trees };
    }
}
