using HistoryBot.Training;

namespace HistoryBot.Tests.Training;

/// <summary>The optimizer the hand-written trainers share.</summary>
public sealed class AdamTests
{
    [Fact]
    public void Steps_move_each_parameter_to_the_minimum_of_a_quadratic()
    {
        var parameters = new[] { 0.0, 10.0, -4.0 };
        var adam = new Adam<double>(parameters);
        for (var i = 0; i < 3000; i++)
        {
            // Gradient of sum (x - 3)^2, summed over a "batch" of two identical examples.
            adam.Step([.. parameters.Select(x => 2 * 2 * (x - 3))], 2, 0.01, 0, 0);
        }

        Assert.All(parameters, x => Assert.Equal(3.0, x, 2));
    }

    [Fact]
    public void Decoupled_decay_pulls_weights_towards_zero_when_the_gradient_is_zero()
    {
        var parameters = new[] { 1f, -2f };
        var adam = new Adam<float>(parameters);

        adam.Step([0f, 0f], 1, 0.1f, 0, 0.5f);

        Assert.Equal(0.95f, parameters[0], 5);
        Assert.Equal(-1.9f, parameters[1], 5);
    }
}
