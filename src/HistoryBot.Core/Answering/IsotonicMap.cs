using System.Text.Json.Serialization;

namespace HistoryBot.Core.Answering;

/// <summary>
/// An isotonic (pool-adjacent-violators) calibration of a score: a non-decreasing step function, fitted by the trainer with
/// ML.NET's isotonic calibrator and evaluated here as ML.NET's <c>IsotonicCalibrator</c> does, so the app needs no ML.NET:
/// within an interval [Mins[i], Maxes[i]] its value, between two intervals the straight line joining their values, below
/// the first and above the last the end values.
/// </summary>
internal sealed record IsotonicMap(
    [property: JsonPropertyName("mins")] float[] Mins,
    [property: JsonPropertyName("maxes")] float[] Maxes,
    [property: JsonPropertyName("values")] float[] Values)
{
    public double Map(double score)
    {
        var x = (float)score;
        if (x < Mins[0])
        {
            return Values[0];
        }

        for (var i = 0; i < Mins.Length; i++)
        {
            if (x <= Maxes[i])
            {
                if (x >= Mins[i])
                {
                    return Values[i];
                }

                // Between Maxes[i - 1] and Mins[i]: interpolate.
                var t = (x - Maxes[i - 1]) / (Mins[i] - Maxes[i - 1]);
                return Values[i - 1] + (t * (Values[i] - Values[i - 1]));
            }
        }

        return Values[^1];
    }

    public bool IsValid() =>
        Mins is { Length: > 0 } && Maxes is not null && Values is not null && Mins.Length == Maxes.Length && Mins.Length == Values.Length
        && Mins.Concat(Maxes).Concat(Values).All(float.IsFinite)
        && Enumerable.Range(0, Mins.Length).All(i => Mins[i] <= Maxes[i] && (i == 0 || (Maxes[i - 1] < Mins[i] && Values[i - 1] <= Values[i])));
}
