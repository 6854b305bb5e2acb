using HistoryBot.Discord.Bot;

namespace HistoryBot.Discord.Tests.Bot;

public sealed class AnswerWorkersTests
{
    [Fact]
    public async Task RunAsync_MoreWorkThanSlots_RunsAtMostMaxAtOnceEachExactlyOnce()
    {
        // Given
        var workers = new AnswerWorkers(maxConcurrency: 2);
        using var release = new ManualResetEventSlim(false);
        var running = 0;
        var peak = 0;
        var runs = new int[10];

        // When: ten answers that all block until released
        var tasks = Enumerable.Range(0, 10).Select(i => workers.RunAsync(
            () =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                release.Wait();
                Interlocked.Decrement(ref running);
                Interlocked.Increment(ref runs[i]);
                return i;
            },
            CancellationToken.None)).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref running) == 2);
        release.Set();
        var results = await Task.WhenAll(tasks);

        // Then
        Assert.Equal(2, peak);
        Assert.Equal(Enumerable.Range(0, 10), results);
        Assert.All(runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task RunAsync_AnyWork_RunsOnThePoolNotADedicatedThread()
    {
        var workers = new AnswerWorkers(maxConcurrency: 1);

        var onPool = await workers.RunAsync(() => Thread.CurrentThread.IsThreadPoolThread, CancellationToken.None);

        Assert.True(onPool);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaitingForASlot_NeverRuns()
    {
        // Given: the only slot is busy
        var workers = new AnswerWorkers(maxConcurrency: 1);
        using var release = new ManualResetEventSlim(false);
        var busy = workers.RunAsync(() => release.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var ran = false;

        // When
        var waiting = workers.RunAsync(() => ran = true, cancel.Token);
        await cancel.CancelAsync();
        release.Set();
        await busy;

        // Then
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(ran);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Volatile.Read(ref target);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
