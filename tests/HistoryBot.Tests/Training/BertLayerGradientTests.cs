using HistoryBot.Training.CrossEncoder;

namespace HistoryBot.Tests.Training;

/// <summary>
/// The hand-written backward pass of <see cref="BertLayer"/> (what fine-tuning the encoder's top layers rests on) against
/// central differences of its own forward pass, on a small layer with random weights.
/// </summary>
public sealed class BertLayerGradientTests
{
    private const int Hidden = 8;
    private const int Heads = 2;
    private const int Intermediate = 16;
    private const int Tokens = 5;

    [Fact]
    public void Backward_gives_the_gradient_of_every_parameter_and_of_the_input()
    {
        var random = new Random(7);
        var layer = RandomLayer(random);

        // Layer norm scales near 1, as in a trained model, so the check covers the usual regime.
        foreach (var scale in new[] { layer.Norm1, layer.Norm2 })
        {
            for (var i = 0; i < scale.Length; i++)
            {
                scale[i] += 1;
            }
        }

        var input = Enumerable.Range(0, Tokens * Hidden).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var weights = Enumerable.Range(0, Tokens * Hidden).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        double Loss(float[] x) => layer.Forward(x, Tokens).Result.Select((y, i) => (double)y * weights[i]).Sum();

        var gradients = layer.NewGradients();
        var inputGradient = layer.Backward(layer.Forward(input, Tokens), weights, gradients);

        var worst = 0.0;
        for (var p = 0; p < layer.Parameters.Length; p++)
        {
            var parameter = layer.Parameters[p];
            for (var i = 0; i < parameter.Length; i += Math.Max(1, parameter.Length / 12))
            {
                worst = Math.Max(worst, Difference(gradients[p][i], Numeric(parameter, i, () => Loss(input))));
            }
        }

        for (var i = 0; i < input.Length; i++)
        {
            worst = Math.Max(worst, Difference(inputGradient[i], Numeric(input, i, () => Loss(input))));
        }

        Assert.True(worst < 0.02, $"largest gradient error {worst:F4}");
    }

    [Fact]
    public void Attention_rows_are_probabilities()
    {
        var layer = RandomLayer(new Random(3));

        var activations = layer.Forward(Enumerable.Range(0, Tokens * Hidden).Select(i => (float)Math.Sin(i)).ToArray(), Tokens);

        foreach (var row in activations.Probabilities.Chunk(Tokens))
        {
            Assert.Equal(1f, row.Sum(), 4);
            Assert.All(row, p => Assert.InRange(p, 0f, 1f));
        }
    }

    private static BertLayer RandomLayer(Random random)
    {
        var layer = new BertLayer(Hidden, Heads, Intermediate);
        foreach (var parameter in layer.Parameters)
        {
            for (var i = 0; i < parameter.Length; i++)
            {
                parameter[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        return layer;
    }

    private static double Numeric(float[] values, int i, Func<double> loss)
    {
        const float Step = 1e-2f;
        var kept = values[i];
        values[i] = kept + Step;
        var up = loss();
        values[i] = kept - Step;
        var down = loss();
        values[i] = kept;
        return (up - down) / (2 * Step);
    }

    /// <summary>Absolute error for small gradients, relative for large ones.</summary>
    private static double Difference(double analytic, double numeric) =>
        Math.Abs(analytic - numeric) / Math.Max(1, Math.Abs(numeric));
}
