using System.Numerics.Tensors;

namespace HistoryBot.Training.CrossEncoder;

/// <summary>A dense layer <c>y = x W + b</c> over row-major [tokens, in] inputs and an [in, out] weight.</summary>
internal static class Dense
{
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y, int tokens, int inputs, int outputs)
    {
        for (var t = 0; t < tokens; t++)
        {
            b.CopyTo(y.Slice(t * outputs, outputs));
        }

        // Weight row outside, tokens inside: each row of W is read from memory once per text.
        for (var k = 0; k < inputs; k++)
        {
            var row = w.Slice(k * outputs, outputs);
            for (var t = 0; t < tokens; t++)
            {
                var target = y.Slice(t * outputs, outputs);
                TensorPrimitives.MultiplyAdd(row, x[(t * inputs) + k], target, target);
            }
        }
    }

    /// <summary>Adds x^T dy to <paramref name="wGradient"/> and the column sums of dy to <paramref name="bGradient"/>; returns dy W^T.</summary>
    public static float[] Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> dy, Span<float> wGradient, Span<float> bGradient, int tokens, int inputs, int outputs)
    {
        var dx = new float[tokens * inputs];
        for (var k = 0; k < inputs; k++)
        {
            var row = w.Slice(k * outputs, outputs);
            var gradientRow = wGradient.Slice(k * outputs, outputs);
            for (var t = 0; t < tokens; t++)
            {
                var outputGradient = dy.Slice(t * outputs, outputs);
                dx[(t * inputs) + k] = TensorPrimitives.Dot(outputGradient, row);
                TensorPrimitives.MultiplyAdd(outputGradient, x[(t * inputs) + k], gradientRow, gradientRow);
            }
        }

        for (var t = 0; t < tokens; t++)
        {
            TensorPrimitives.Add(bGradient, dy.Slice(t * outputs, outputs), bGradient);
        }

        return dx;
    }
}

/// <summary>Multi-head scaled dot-product self-attention over one unpadded text.</summary>
internal static class Attention
{
    public static void Forward(float[] q, float[] k, float[] v, float[] probabilities, float[] context, int tokens, int hidden, int heads)
    {
        var size = hidden / heads;
        var scale = 1 / MathF.Sqrt(size);
        Array.Clear(context);
        for (var n = 0; n < heads; n++)
        {
            for (var i = 0; i < tokens; i++)
            {
                var row = probabilities.AsSpan(((n * tokens) + i) * tokens, tokens);
                var query = q.AsSpan((i * hidden) + (n * size), size);
                for (var j = 0; j < tokens; j++)
                {
                    row[j] = TensorPrimitives.Dot(query, k.AsSpan((j * hidden) + (n * size), size)) * scale;
                }

                // TensorPrimitives.SoftMax does not subtract the maximum first, so large scores would overflow.
                TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), row);
                TensorPrimitives.SoftMax(row, row);
                var target = context.AsSpan((i * hidden) + (n * size), size);
                for (var j = 0; j < tokens; j++)
                {
                    TensorPrimitives.MultiplyAdd(v.AsSpan((j * hidden) + (n * size), size), row[j], target, target);
                }
            }
        }
    }

    public static (float[] Q, float[] K, float[] V) Backward(float[] q, float[] k, float[] v, float[] probabilities, float[] contextGradient, int tokens, int hidden, int heads)
    {
        var size = hidden / heads;
        var scale = 1 / MathF.Sqrt(size);
        var dq = new float[q.Length];
        var dk = new float[k.Length];
        var dv = new float[v.Length];
        var dp = new float[tokens];
        for (var n = 0; n < heads; n++)
        {
            for (var i = 0; i < tokens; i++)
            {
                var row = probabilities.AsSpan(((n * tokens) + i) * tokens, tokens);
                var dc = contextGradient.AsSpan((i * hidden) + (n * size), size);
                for (var j = 0; j < tokens; j++)
                {
                    dp[j] = TensorPrimitives.Dot(dc, v.AsSpan((j * hidden) + (n * size), size));
                    var dvj = dv.AsSpan((j * hidden) + (n * size), size);
                    TensorPrimitives.MultiplyAdd(dc, row[j], dvj, dvj);
                }

                // Softmax's Jacobian: dS = P (dP - sum(P dP)).
                var weighted = TensorPrimitives.Dot(row, dp.AsSpan(0, tokens));
                var query = q.AsSpan((i * hidden) + (n * size), size);
                var dqi = dq.AsSpan((i * hidden) + (n * size), size);
                for (var j = 0; j < tokens; j++)
                {
                    var ds = row[j] * (dp[j] - weighted) * scale;
                    TensorPrimitives.MultiplyAdd(k.AsSpan((j * hidden) + (n * size), size), ds, dqi, dqi);
                    var dkj = dk.AsSpan((j * hidden) + (n * size), size);
                    TensorPrimitives.MultiplyAdd(query, ds, dkj, dkj);
                }
            }
        }

        return (dq, dk, dv);
    }
}

/// <summary>Layer normalisation over each token's vector.</summary>
internal static class LayerNorm
{
    /// <summary>Normalises each row of <paramref name="x"/>, keeping the normalised values and inverse deviations for the backward pass.</summary>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> normed, Span<float> inverseDeviation, Span<float> y, int tokens, int hidden)
    {
        for (var t = 0; t < tokens; t++)
        {
            var row = x.Slice(t * hidden, hidden);
            var mean = TensorPrimitives.Sum(row) / hidden;
            var target = normed.Slice(t * hidden, hidden);
            TensorPrimitives.Subtract(row, mean, target);
            var variance = TensorPrimitives.Dot(target, target) / hidden;
            inverseDeviation[t] = 1 / MathF.Sqrt(variance + BertLayer.Epsilon);
            TensorPrimitives.Multiply(target, inverseDeviation[t], target);
        }

        for (var t = 0; t < tokens; t++)
        {
            var target = y.Slice(t * hidden, hidden);
            TensorPrimitives.FusedMultiplyAdd(normed.Slice(t * hidden, hidden), gamma, beta, target);
        }
    }

    public static float[] Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> normed, ReadOnlySpan<float> inverseDeviation, ReadOnlySpan<float> gamma, Span<float> gammaGradient, Span<float> betaGradient, int tokens, int hidden)
    {
        var dx = new float[tokens * hidden];
        var scaled = new float[hidden];
        for (var t = 0; t < tokens; t++)
        {
            var gradient = dy.Slice(t * hidden, hidden);
            var row = normed.Slice(t * hidden, hidden);
            TensorPrimitives.MultiplyAdd(gradient, row, gammaGradient, gammaGradient);
            TensorPrimitives.Add(betaGradient, gradient, betaGradient);
            TensorPrimitives.Multiply(gradient, gamma, scaled);
            var meanScaled = TensorPrimitives.Sum(scaled) / hidden;
            var meanProduct = TensorPrimitives.Dot(scaled, row) / hidden;
            var target = dx.AsSpan(t * hidden, hidden);
            for (var d = 0; d < hidden; d++)
            {
                target[d] = inverseDeviation[t] * (scaled[d] - meanScaled - (row[d] * meanProduct));
            }
        }

        return dx;
    }
}

/// <summary>The exact GELU, <c>x Φ(x)</c>, as BERT uses it (the export computes it with Erf).</summary>
internal static class Gelu
{
    public static void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * Phi(x[i]);
        }
    }

    /// <summary>Multiplies <paramref name="gradient"/> in place by the derivative at <paramref name="x"/>.</summary>
    public static void Backward(ReadOnlySpan<float> x, Span<float> gradient)
    {
        for (var i = 0; i < x.Length; i++)
        {
            var density = MathF.Exp(-0.5f * x[i] * x[i]) * 0.3989422804f;
            gradient[i] *= Phi(x[i]) + (x[i] * density);
        }
    }

    private static readonly double[] Coefficients =
        [0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368, -1.26551223];

    /// <summary>The standard normal distribution function, through erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).</summary>
    private static float Phi(float x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + (0.5 * z));
        var series = 0.0;
        foreach (var c in Coefficients)
        {
            series = (series * t) + c;
        }

        var erfc = t * Math.Exp((-z * z) + series);
        return (float)(x >= 0 ? 1 - (0.5 * erfc) : 0.5 * erfc);
    }
}
