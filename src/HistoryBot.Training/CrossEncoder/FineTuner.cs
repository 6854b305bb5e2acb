using System.Numerics.Tensors;

namespace HistoryBot.Training.CrossEncoder;

/// <summary>
/// Fine-tunes copies of an encoder's top layers and a logistic head on the first token's vector for a binary label,
/// with AdamW (decoupled weight decay, linear learning-rate decay) and a loss that weighs both classes equally.
/// Batches are split over the cores, each with its own gradients, summed before the step.
/// </summary>
internal sealed class FineTuner
{
    private const float WeightDecay = 0.01f;

    private readonly BertLayer[] _layers;
    private readonly CrossEncoderSettings _settings;
    private readonly float[] _head;
    private readonly float[][] _parameters;
    private readonly Adam<float>[] _optimizers;

    public FineTuner(BertEncoder encoder, int frozen, CrossEncoderSettings settings)
    {
        _settings = settings;
        _layers = [.. encoder.Layers.Skip(frozen).Select(Clone)];
        _head = new float[encoder.Hidden + 1];
        _parameters = [.. _layers.SelectMany(l => l.Parameters), _head];
        _optimizers = [.. _parameters.Select(p => new Adam<float>(p))];
    }

    /// <summary>The head's logit for one text, given the frozen layers' output for it.</summary>
    public float Score(float[] input, int tokens)
    {
        var hidden = input;
        foreach (var layer in _layers)
        {
            hidden = layer.Forward(hidden, tokens).Result;
        }

        return Logit(hidden);
    }

    public void Train(IReadOnlyList<(float[] Input, int Tokens, bool Label)> examples, Action<int> onEpoch)
    {
        var random = new Random(_settings.Seed);
        var positives = examples.Count(e => e.Label);
        var weights = (Positive: examples.Count / (2f * positives), Negative: examples.Count / (2f * (examples.Count - positives)));
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var step = 0;
        var steps = _settings.Epochs * ((examples.Count + _settings.Batch - 1) / _settings.Batch);
        for (var epoch = 1; epoch <= _settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var batch in order.Chunk(_settings.Batch))
            {
                var gradients = NewGradients();
                var gate = new object();
                Parallel.ForEach(
                    batch,
                    NewGradients,
                    (i, _, local) =>
                    {
                        var (input, tokens, label) = examples[i];
                        Accumulate(input, tokens, label, label ? weights.Positive : weights.Negative, local);
                        return local;
                    },
                    local =>
                    {
                        lock (gate)
                        {
                            for (var p = 0; p < local.Length; p++)
                            {
                                TensorPrimitives.Add(gradients[p], local[p], gradients[p]);
                            }
                        }
                    });
                Step(gradients, batch.Length, 1 - (step++ / (float)steps));
            }

            onEpoch(epoch);
        }
    }

    private float Logit(float[] hidden) => TensorPrimitives.Dot(_head.AsSpan(0, _head.Length - 1), hidden.AsSpan(0, _head.Length - 1)) + _head[^1];

    private float[][] NewGradients() => [.. _parameters.Select(p => new float[p.Length])];

    /// <summary>Adds the gradients of one example's weighted logistic loss.</summary>
    private void Accumulate(float[] input, int tokens, bool label, float weight, float[][] gradients)
    {
        var activations = new BertLayer.Activations[_layers.Length];
        var hidden = input;
        for (var n = 0; n < _layers.Length; n++)
        {
            activations[n] = _layers[n].Forward(hidden, tokens);
            hidden = activations[n].Result;
        }

        var logit = Logit(hidden);
        if (!float.IsFinite(logit))
        {
            throw new InvalidOperationException("the fine-tuned layers diverged (a logit is not finite)");
        }

        var probability = 1 / (1 + MathF.Exp(-logit));
        var dLogit = weight * (probability - (label ? 1 : 0));
        var width = _head.Length - 1;
        var headGradient = gradients[^1];
        TensorPrimitives.MultiplyAdd(hidden.AsSpan(0, width), dLogit, headGradient.AsSpan(0, width), headGradient.AsSpan(0, width));
        headGradient[^1] += dLogit;
        var outputGradient = new float[hidden.Length];
        TensorPrimitives.Multiply(_head.AsSpan(0, width), dLogit, outputGradient.AsSpan(0, width));
        var offset = _parameters.Length - 1;
        for (var n = _layers.Length - 1; n >= 0; n--)
        {
            offset -= _layers[n].Parameters.Length;
            outputGradient = _layers[n].Backward(activations[n], outputGradient, gradients[offset..(offset + _layers[n].Parameters.Length)]);
        }
    }

    private void Step(float[][] gradients, int batch, float schedule)
    {
        for (var p = 0; p < _parameters.Length; p++)
        {
            var rate = (p == _parameters.Length - 1 ? _settings.HeadLearningRate : _settings.LearningRate) * schedule;
            _optimizers[p].Step(gradients[p], batch, rate, 0, WeightDecay);
        }
    }

    private static BertLayer Clone(BertLayer layer)
    {
        var copy = new BertLayer(layer.Hidden, layer.Heads, layer.Intermediate);
        for (var i = 0; i < layer.Parameters.Length; i++)
        {
            layer.Parameters[i].CopyTo(copy.Parameters[i], 0);
        }

        return copy;
    }
}
