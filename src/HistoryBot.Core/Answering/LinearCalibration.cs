using System.Text.Json.Serialization;

namespace HistoryBot.Core.Answering;

/// <summary>
/// A calibrated probability from a few answerability features: p = 1 / (1 + exp(-(bias + Σ weight × feature))), a
/// logistic regression fitted by the trainer (<c>src/HistoryBot.Training</c>, ML.NET) on out-of-fold examples. With a
/// handful of weights it is monotone in each feature (the sign of its weight says which way) and transfers across
/// articles better than the raw score of a tree ensemble, whose scale changes with what it was fitted on.
/// </summary>
/// <param name="Features">The answerability features it reads (<see cref="AnswerModel.AnswerFeatureNames"/>), by name.</param>
/// <param name="Isotonic">When present, the probability is this isotonic map of the linear score instead of its logistic
/// function (the trainer keeps whichever calibrates better, cross-validated by article).</param>
internal sealed record LinearCalibration(
    [property: JsonPropertyName("features")] string[] Features,
    [property: JsonPropertyName("weights")] double[] Weights,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("isotonic"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IsotonicMap? Isotonic = null)
{
    [JsonIgnore]
    private int[] Indices { get; init; } = [];

    /// <summary>The probability for a vector laid out as <see cref="AnswerModel.AnswerFeatureNames"/> (after <see cref="ReadingFrom"/>).</summary>
    public double Probability(ReadOnlySpan<float> features)
    {
        var sum = Score(features);
        return Isotonic is { } map ? map.Map(sum) : 1 / (1 + Math.Exp(-sum));
    }

    /// <summary>The linear score: bias + Σ weight × feature.</summary>
    public double Score(ReadOnlySpan<float> features)
    {
        var sum = Bias;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += Weights[i] * features[Indices[i]];
        }

        return sum;
    }

    public bool IsValid() =>
        Features is not null && Weights is not null && Features.Length == Weights.Length && Features.Length > 0
        && Weights.All(double.IsFinite) && double.IsFinite(Bias) && (Isotonic is null || Isotonic.IsValid());

    /// <summary>This calibration reading vectors laid out as <paramref name="available"/> names them; null when one of its features is not available.</summary>
    public LinearCalibration? ReadingFrom(IReadOnlyList<string> available)
    {
        var indices = new int[Features.Length];
        for (var i = 0; i < Features.Length; i++)
        {
            indices[i] = -1;
            for (var j = 0; j < available.Count; j++)
            {
                if (available[j] == Features[i])
                {
                    indices[i] = j;
                    break;
                }
            }

            if (indices[i] < 0)
            {
                return null;
            }
        }

        return this with { Indices = indices };
    }
}
