namespace HistoryBot.Tests.Live;

/// <summary>Waits for a condition that something in the background makes true, with a generous limit for busy CI machines.</summary>
internal static class Waiting
{
    /// <summary>Long enough to fail only when the awaited thing never happens, not because the machine is slow.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static void Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Gave up waiting for {what}.");
            }

            Thread.Sleep(20);
        }
    }
}
