using HistoryBot.Training.CrossEncoder;

namespace HistoryBot.Tests.Training;

/// <summary>How the re-rank probe fuses the cross-encoder's logit with the hand ranking.</summary>
public sealed class RerankFusionTests
{
    // Question 1: the hand ranking's first is wrong, the cross-encoder's favourite (rank 2) is right.
    // Question 2: the hand ranking's first is right, the cross-encoder slightly prefers rank 1.
    // Question 3: nothing shortlisted, so no pick can be right.
    private static readonly RerankProbe.FoldPicks Picks = new(
        Hand: 1,
        Encoder: 1,
        Oracle: 2,
        [
            [(0, 0.1f, false), (1, 0.5f, false), (2, 2.0f, true)],
            [(0, 1.0f, true), (1, 1.2f, false)],
            [],
        ]);

    [Fact]
    public void An_infinite_lambda_keeps_the_hand_ranking()
    {
        Assert.Equal(1, Picks.FusedCount(double.PositiveInfinity));
    }

    [Fact]
    public void A_zero_lambda_follows_the_cross_encoder_alone()
    {
        Assert.Equal(1, Picks.FusedCount(0));
    }

    [Fact]
    public void A_middle_lambda_takes_a_large_logit_lead_but_not_a_small_one()
    {
        // Question 1: 0.1, 0.0, 1.0 → rank 2; question 2: 1.0 against 0.7 → rank 0.
        Assert.Equal(2, Picks.FusedCount(0.5));
        Assert.Equal(2 / 3.0, Picks.Fused(0.5), 6);
    }
}
