using System.Numerics;

namespace HistoryBot.Training;

/// <summary>
/// Adam over one parameter array, updated in place from the summed gradient of a batch: with <c>l2</c> added to the
/// mean gradient (classic L2), or with <c>decay</c> applied to the weights beside the step (AdamW). Shared by the
/// hand-written trainers (<see cref="AttentionPooling"/> in doubles, the cross-encoder's <c>FineTuner</c> in floats).
/// </summary>
internal sealed class Adam<T>(T[] parameters)
    where T : IFloatingPointIeee754<T>
{
    private static readonly T Beta1 = T.CreateChecked(0.9);
    private static readonly T Beta2 = T.CreateChecked(0.999);
    private static readonly T Epsilon = T.CreateChecked(1e-8);

    private readonly T[] _m = new T[parameters.Length];
    private readonly T[] _v = new T[parameters.Length];
    private int _step;

    public T[] Parameters => parameters;

    public void Step(ReadOnlySpan<T> gradientSum, int batchSize, T rate, T l2, T decay)
    {
        _step++;
        var correction1 = T.One - T.Pow(Beta1, T.CreateChecked(_step));
        var correction2 = T.One - T.Pow(Beta2, T.CreateChecked(_step));
        var batch = T.CreateChecked(batchSize);
        for (var k = 0; k < parameters.Length; k++)
        {
            var g = (gradientSum[k] / batch) + (l2 * parameters[k]);
            _m[k] = (Beta1 * _m[k]) + ((T.One - Beta1) * g);
            _v[k] = (Beta2 * _v[k]) + ((T.One - Beta2) * g * g);
            var update = _m[k] / correction1 / (T.Sqrt(_v[k] / correction2) + Epsilon);
            parameters[k] -= rate * (update + (decay * parameters[k]));
        }
    }
}
