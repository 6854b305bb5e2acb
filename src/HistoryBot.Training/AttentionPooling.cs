namespace HistoryBot.Training;

/// <summary>
/// A logistic regression over an attention-weighted mean of a text's token vectors, both the attention and the
/// regression learned (for <see cref="PairProbe"/>): score = w · Σₜ αₜ hₜ + b with α = softmax(a · hₜ). Written out
/// because ML.NET has no trainer for a pooling learned with the classifier and TorchSharp does not load on this
/// machine; plain mini-batch gradient descent with Adam, the unanswerable class weighted up to balance the classes.
/// </summary>
internal sealed class AttentionPooling(int dimensions, double l2 = 1e-3, double learningRate = 0.01, int epochs = 15, int seed = 1)
{
    private readonly double[] _attention = new double[dimensions];
    private readonly double[] _weights = new double[dimensions];
    private double _bias;

    public void Fit(IReadOnlyList<float[][]> texts, IReadOnlyList<bool> labels)
    {
        var negatives = labels.Count(l => !l);
        var negativeWeight = negatives == 0 ? 1 : (labels.Count - negatives) / (double)negatives;
        var attention = new Adam<double>(_attention);
        var weights = new Adam<double>(_weights);
        var bias = new Adam<double>(new double[1]);
        var random = new Random(seed);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var order = Enumerable.Range(0, texts.Count).OrderBy(_ => random.Next()).ToList();
            foreach (var batch in order.Chunk(64))
            {
                var gradAttention = new double[dimensions];
                var gradWeights = new double[dimensions];
                var gradBias = 0.0;
                foreach (var i in batch)
                {
                    var (score, alpha, pooled, projected) = Forward(texts[i]);
                    var target = labels[i] ? 1.0 : 0.0;
                    var g = (labels[i] ? 1 : negativeWeight) * ((1 / (1 + Math.Exp(-score))) - target);
                    var pooledProjection = score - _bias;
                    gradBias += g;
                    for (var k = 0; k < dimensions; k++)
                    {
                        gradWeights[k] += g * pooled[k];
                    }

                    // d score / d a = Σₜ αₜ (w·hₜ − w·pooled) hₜ
                    for (var t = 0; t < alpha.Length; t++)
                    {
                        var c = g * alpha[t] * (projected[t] - pooledProjection);
                        for (var k = 0; k < dimensions; k++)
                        {
                            gradAttention[k] += c * texts[i][t][k];
                        }
                    }
                }

                attention.Step(gradAttention, batch.Length, learningRate, l2, 0);
                weights.Step(gradWeights, batch.Length, learningRate, l2, 0);
                bias.Step([gradBias], batch.Length, learningRate, 0, 0);
                _bias = bias.Parameters[0];
            }
        }
    }

    public float Score(float[][] tokens) => (float)Forward(tokens).Score;

    private (double Score, double[] Alpha, double[] Pooled, double[] Projected) Forward(float[][] tokens)
    {
        var alpha = new double[tokens.Length];
        var projected = new double[tokens.Length];
        for (var t = 0; t < tokens.Length; t++)
        {
            for (var k = 0; k < dimensions; k++)
            {
                alpha[t] += _attention[k] * tokens[t][k];
                projected[t] += _weights[k] * tokens[t][k];
            }
        }

        var max = alpha.Max();
        var sum = 0.0;
        for (var t = 0; t < alpha.Length; t++)
        {
            alpha[t] = Math.Exp(alpha[t] - max);
            sum += alpha[t];
        }

        var pooled = new double[dimensions];
        var score = _bias;
        for (var t = 0; t < alpha.Length; t++)
        {
            alpha[t] /= sum;
            score += alpha[t] * projected[t];
            for (var k = 0; k < dimensions; k++)
            {
                pooled[k] += alpha[t] * tokens[t][k];
            }
        }

        return (score, alpha, pooled, projected);
    }
}
