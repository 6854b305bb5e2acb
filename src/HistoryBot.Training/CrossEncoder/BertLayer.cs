using System.Numerics.Tensors;

namespace HistoryBot.Training.CrossEncoder;

/// <summary>
/// One transformer layer of a BERT encoder (self-attention, add and layer norm, GELU feed-forward, add and layer norm),
/// forward and backward, for one text at a time (no padding, so no mask). Written by hand over
/// <see cref="TensorPrimitives"/> because no training framework runs on this machine (TorchSharp's native library needs
/// a newer libstdc++ than Debian 12 ships, and ONNX Runtime's training package is not served). Matrices are row-major;
/// weights are stored as the ONNX export stores them, [in, out], so <c>y = x W + b</c>.
/// </summary>
internal sealed class BertLayer
{
    public const float Epsilon = 1e-12f;

    public BertLayer(int hidden, int heads, int intermediate)
    {
        Hidden = hidden;
        Heads = heads;
        Intermediate = intermediate;
        Parameters =
        [
            Query = new float[hidden * hidden], QueryBias = new float[hidden],
            Key = new float[hidden * hidden], KeyBias = new float[hidden],
            Value = new float[hidden * hidden], ValueBias = new float[hidden],
            Output = new float[hidden * hidden], OutputBias = new float[hidden],
            Norm1 = new float[hidden], Norm1Bias = new float[hidden],
            Up = new float[hidden * intermediate], UpBias = new float[intermediate],
            Down = new float[intermediate * hidden], DownBias = new float[hidden],
            Norm2 = new float[hidden], Norm2Bias = new float[hidden],
        ];
    }

    public int Hidden { get; }

    public int Heads { get; }

    public int Intermediate { get; }

    public float[] Query { get; }

    public float[] QueryBias { get; }

    public float[] Key { get; }

    public float[] KeyBias { get; }

    public float[] Value { get; }

    public float[] ValueBias { get; }

    public float[] Output { get; }

    public float[] OutputBias { get; }

    public float[] Norm1 { get; }

    public float[] Norm1Bias { get; }

    public float[] Up { get; }

    public float[] UpBias { get; }

    public float[] Down { get; }

    public float[] DownBias { get; }

    public float[] Norm2 { get; }

    public float[] Norm2Bias { get; }

    /// <summary>Every parameter array, in a fixed order (the order of <see cref="Backward"/>'s gradients).</summary>
    public float[][] Parameters { get; }

    /// <summary>What the forward pass keeps for the backward one.</summary>
    public sealed class Activations(int tokens, int hidden, int heads, int intermediate)
    {
        public int Tokens { get; } = tokens;

        public float[] Input { get; } = new float[tokens * hidden];

        public float[] Q { get; } = new float[tokens * hidden];

        public float[] K { get; } = new float[tokens * hidden];

        public float[] V { get; } = new float[tokens * hidden];

        public float[] Probabilities { get; } = new float[heads * tokens * tokens];

        public float[] Context { get; } = new float[tokens * hidden];

        public float[] Normed1 { get; } = new float[tokens * hidden];

        public float[] InverseDeviation1 { get; } = new float[tokens];

        public float[] Normed1Output { get; } = new float[tokens * hidden];

        public float[] UpInput { get; } = new float[tokens * intermediate];

        public float[] Gelu { get; } = new float[tokens * intermediate];

        public float[] Normed2 { get; } = new float[tokens * hidden];

        public float[] InverseDeviation2 { get; } = new float[tokens];

        public float[] Result { get; } = new float[tokens * hidden];
    }

    public Activations Forward(ReadOnlySpan<float> input, int tokens)
    {
        var a = new Activations(tokens, Hidden, Heads, Intermediate);
        input.CopyTo(a.Input);
        Dense.Forward(a.Input, Query, QueryBias, a.Q, tokens, Hidden, Hidden);
        Dense.Forward(a.Input, Key, KeyBias, a.K, tokens, Hidden, Hidden);
        Dense.Forward(a.Input, Value, ValueBias, a.V, tokens, Hidden, Hidden);
        Attention.Forward(a.Q, a.K, a.V, a.Probabilities, a.Context, tokens, Hidden, Heads);
        var residual = new float[tokens * Hidden];
        Dense.Forward(a.Context, Output, OutputBias, residual, tokens, Hidden, Hidden);
        TensorPrimitives.Add(residual, a.Input, residual);
        LayerNorm.Forward(residual, Norm1, Norm1Bias, a.Normed1, a.InverseDeviation1, a.Normed1Output, tokens, Hidden);
        Dense.Forward(a.Normed1Output, Up, UpBias, a.UpInput, tokens, Hidden, Intermediate);
        Gelu.Forward(a.UpInput, a.Gelu);
        var residual2 = new float[tokens * Hidden];
        Dense.Forward(a.Gelu, Down, DownBias, residual2, tokens, Intermediate, Hidden);
        TensorPrimitives.Add(residual2, a.Normed1Output, residual2);
        LayerNorm.Forward(residual2, Norm2, Norm2Bias, a.Normed2, a.InverseDeviation2, a.Result, tokens, Hidden);
        return a;
    }

    /// <summary>
    /// Adds the gradients of the loss to <paramref name="gradients"/> (one array per <see cref="Parameters"/> entry) given
    /// the loss's gradient at the layer's output, and returns the gradient at its input.
    /// </summary>
    public float[] Backward(Activations a, float[] outputGradient, float[][] gradients)
    {
        var t = a.Tokens;
        var h = Hidden;
        var residual2 = LayerNorm.Backward(outputGradient, a.Normed2, a.InverseDeviation2, Norm2, gradients[14], gradients[15], t, h);
        var geluGradient = Dense.Backward(a.Gelu, Down, residual2, gradients[12], gradients[13], t, Intermediate, h);
        Gelu.Backward(a.UpInput, geluGradient);
        var normed1Gradient = Dense.Backward(a.Normed1Output, Up, geluGradient, gradients[10], gradients[11], t, h, Intermediate);
        TensorPrimitives.Add(normed1Gradient, residual2, normed1Gradient);
        var residual1 = LayerNorm.Backward(normed1Gradient, a.Normed1, a.InverseDeviation1, Norm1, gradients[8], gradients[9], t, h);
        var contextGradient = Dense.Backward(a.Context, Output, residual1, gradients[6], gradients[7], t, h, h);
        var (dq, dk, dv) = Attention.Backward(a.Q, a.K, a.V, a.Probabilities, contextGradient, t, h, Heads);
        var inputGradient = residual1;
        TensorPrimitives.Add(inputGradient, Dense.Backward(a.Input, Query, dq, gradients[0], gradients[1], t, h, h), inputGradient);
        TensorPrimitives.Add(inputGradient, Dense.Backward(a.Input, Key, dk, gradients[2], gradients[3], t, h, h), inputGradient);
        TensorPrimitives.Add(inputGradient, Dense.Backward(a.Input, Value, dv, gradients[4], gradients[5], t, h, h), inputGradient);
        return inputGradient;
    }

    /// <summary>Zeroed arrays shaped like <see cref="Parameters"/>.</summary>
    public float[][] NewGradients() => [.. Parameters.Select(p => new float[p.Length])];
}
