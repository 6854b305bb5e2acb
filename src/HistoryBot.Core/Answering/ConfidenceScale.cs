using System.Text.Json.Serialization;

namespace HistoryBot.Core.Answering;

/// <summary>
/// A Platt map of a confidence in (0, 1): the probability 1 / (1 + exp(slope × logit(c) + offset)), ML.NET's convention
/// (a negative slope: increasing). The trainer fits it to the hand-written confidence of the rules pick over the training
/// material (and reports it cross-validated by article), so that the confidence shown is the share of right answers;
/// being strictly increasing, it changes no decision when the threshold is mapped with it.
/// </summary>
internal sealed record ConfidenceScale(
    [property: JsonPropertyName("slope")] double Slope,
    [property: JsonPropertyName("offset")] double Offset)
{
    /// <summary>Confidences are clamped this far from 0 and 1 before the logit.</summary>
    private const double Edge = 1e-6;

    public double Map(double confidence) => 1 / (1 + Math.Exp((Slope * Logit(confidence)) + Offset));

    /// <summary>The score the map is fitted on: log(c / (1 − c)), the confidence clamped away from 0 and 1.</summary>
    public static double Logit(double confidence)
    {
        var c = Math.Clamp(confidence, Edge, 1 - Edge);
        return Math.Log(c / (1 - c));
    }

    /// <summary>Finite, and increasing (so that it keeps the order of confidences and the decisions of a mapped threshold).</summary>
    public bool IsValid() => double.IsFinite(Slope) && double.IsFinite(Offset) && Slope < 0;
}
