using HistoryBot.Discord.Bot;
using Microsoft.Extensions.Time.Testing;

namespace HistoryBot.Discord.Tests.Bot;

public sealed class CooldownTrackerTests
{
    [Fact]
    public void Check_UserWithinCooldown_IsNotifiedOnceThenSilent()
    {
        // Given
        var time = new FakeTimeProvider();
        var tracker = new CooldownTracker(TimeSpan.FromSeconds(10), 0, TimeSpan.FromSeconds(60), time);

        // When / Then
        Assert.True(tracker.Check(1, 100).Allowed);
        var first = tracker.Check(1, 100);
        Assert.False(first.Allowed);
        Assert.True(first.Notify);
        Assert.False(tracker.Check(1, 100).Notify);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(tracker.Check(1, 100).Allowed);
    }

    [Fact]
    public void Check_ChannelOverLimit_LimitsOtherUsersToo()
    {
        var time = new FakeTimeProvider();
        var tracker = new CooldownTracker(TimeSpan.Zero, 2, TimeSpan.FromSeconds(60), time);

        Assert.True(tracker.Check(1, 100).Allowed);
        Assert.True(tracker.Check(2, 100).Allowed);
        var third = tracker.Check(3, 100);

        Assert.False(third.Allowed);
        Assert.True(third.Notify);
        Assert.Equal(TimeSpan.FromSeconds(60), third.RetryAfter);
    }
}
