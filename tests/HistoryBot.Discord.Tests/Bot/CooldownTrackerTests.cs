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

    [Fact]
    public void Check_ManyUsersAndChannelsThenQuiet_ForgetsThemAll()
    {
        // Given: a thousand users in a thousand channels
        var time = new FakeTimeProvider();
        var tracker = new CooldownTracker(TimeSpan.FromSeconds(10), 5, TimeSpan.FromSeconds(60), time);
        for (ulong i = 0; i < 1000; i++)
        {
            tracker.Check(i, 10_000 + i);
        }

        Assert.Equal(1000, tracker.TrackedUsers);
        Assert.Equal(1000, tracker.TrackedChannels);

        // When: everyone's wait and every window is over, and someone asks
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(tracker.Check(1, 10_001).Allowed);

        // Then
        Assert.Equal(1, tracker.TrackedUsers);
        Assert.Equal(1, tracker.TrackedChannels);
    }

    [Fact]
    public void Check_FloodOfDistinctUsersWithinTheWindow_StaysWithinTheCap()
    {
        var time = new FakeTimeProvider();
        var tracker = new CooldownTracker(TimeSpan.FromSeconds(10), 5, TimeSpan.FromSeconds(60), time, maxEntries: 100);

        for (ulong i = 0; i < 1000; i++)
        {
            tracker.Check(i, i);
        }

        Assert.InRange(tracker.TrackedUsers, 1, 100);
        Assert.InRange(tracker.TrackedChannels, 1, 100);
    }

    [Fact]
    public void Check_SweepDuringACooldown_KeepsTheUserLimited()
    {
        var time = new FakeTimeProvider();
        var tracker = new CooldownTracker(TimeSpan.FromSeconds(30), 0, TimeSpan.FromSeconds(1), time);
        Assert.True(tracker.Check(1, 100).Allowed);

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(tracker.Check(2, 100).Allowed);

        Assert.False(tracker.Check(1, 100).Allowed);
    }
}
