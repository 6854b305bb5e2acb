using HistoryBot.Discord.Bot;
using Microsoft.Extensions.Time.Testing;

namespace HistoryBot.Discord.Tests.Bot;

public sealed class FollowUpContextsTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    [Fact]
    public void Resolve_FollowUpInSameChannel_UsesThatChannelsPreviousQuestion()
    {
        // Given
        var contexts = new FollowUpContexts(10, Idle, new FakeTimeProvider());
        contexts.Resolve(1, "Who succeeded Lenin?");

        // When
        var followUp = contexts.Resolve(1, "When did he die?");

        // Then
        Assert.Equal(new FollowUp("When did he die?", "When did Lenin die?"), followUp);
        Assert.True(followUp.IsRewritten);
    }

    [Fact]
    public void Answered_QuestionOnAThing_MakesThePronounStandForThePersonTheAnswerNamed()
    {
        var contexts = new FollowUpContexts(10, Idle, new FakeTimeProvider());
        var first = contexts.Resolve(1, "Who led the Committee of Public Safety?").Resolved;
        contexts.Answered(1, first, "The Committee of Public Safety was led by Robespierre.");
        contexts.Answered(2, first, "The Committee of Public Safety was led by Danton.");

        Assert.Equal("When did Robespierre die?", contexts.Resolve(1, "When did he die?").Resolved);
    }

    [Fact]
    public void Resolve_WhatAbout_ReusesThePreviousQuestionWithTheNewSubject()
    {
        var contexts = new FollowUpContexts(10, Idle, new FakeTimeProvider());
        contexts.Resolve(1, "When did Lenin die?");

        Assert.Equal("When did Trotsky die?", contexts.Resolve(1, "What about Trotsky?").Resolved);
        Assert.Equal("When did Stalin die?", contexts.Resolve(1, "And Stalin?").Resolved);
    }

    [Fact]
    public void Resolve_FollowUpInAnotherChannel_IsNotRewrittenWithTheFirstChannelsContext()
    {
        // Given
        var contexts = new FollowUpContexts(10, Idle, new FakeTimeProvider());
        contexts.Resolve(1, "Who succeeded Lenin?");
        contexts.Resolve(2, "Where was Trotsky exiled?");

        // When
        var elsewhere = contexts.Resolve(3, "When did he die?");
        var second = contexts.Resolve(2, "When did he die?");

        // Then
        Assert.False(elsewhere.IsRewritten);
        Assert.Equal("When did he die?", elsewhere.Resolved);
        Assert.Equal("When did Trotsky die?", second.Resolved);
    }

    [Fact]
    public void Resolve_AfterTheIdleTime_HasForgottenTheChannel()
    {
        // Given
        var time = new FakeTimeProvider();
        var contexts = new FollowUpContexts(10, Idle, time);
        contexts.Resolve(1, "Who succeeded Lenin?");
        contexts.Resolve(2, "Who succeeded Lenin?");

        // When
        time.Advance(Idle - TimeSpan.FromSeconds(1));
        var justBefore = contexts.Resolve(1, "When did he die?");
        time.Advance(TimeSpan.FromSeconds(1));
        var atTheLimit = contexts.Resolve(2, "When did he die?");

        // Then
        Assert.Equal("When did Lenin die?", justBefore.Resolved);
        Assert.False(atTheLimit.IsRewritten);
    }

    [Fact]
    public void Resolve_QuestionInTheChannel_RestartsItsIdleTime()
    {
        var time = new FakeTimeProvider();
        var contexts = new FollowUpContexts(10, Idle, time);
        contexts.Resolve(1, "Who succeeded Lenin?");

        time.Advance(TimeSpan.FromMinutes(20));
        contexts.Resolve(1, "Why?");
        time.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal("When did Lenin die?", contexts.Resolve(1, "When did he die?").Resolved);
    }

    [Fact]
    public void Resolve_OverTheChannelCap_EvictsTheLeastRecentlyUsedChannel()
    {
        // Given
        var contexts = new FollowUpContexts(2, Idle, new FakeTimeProvider());
        contexts.Resolve(1, "Who succeeded Lenin?");
        contexts.Resolve(2, "Where was Trotsky exiled?");
        contexts.Resolve(1, "Why did Lenin fall ill?"); // channel 1 is now the more recent

        // When
        contexts.Resolve(3, "Who was Stalin?");

        // Then
        Assert.Equal(2, contexts.Count);
        Assert.Equal("When did Lenin die?", contexts.Resolve(1, "When did he die?").Resolved);
        Assert.False(contexts.Resolve(2, "When did he die?").IsRewritten);
    }

    [Fact]
    public void Resolve_CapacityZero_NeverRewritesOrRemembers()
    {
        var contexts = new FollowUpContexts(0, Idle, new FakeTimeProvider());
        contexts.Resolve(1, "Who succeeded Lenin?");

        var followUp = contexts.Resolve(1, " When did he die? ");

        Assert.Equal(new FollowUp("When did he die?", "When did he die?"), followUp);
        Assert.Equal(0, contexts.Count);
    }

    [Fact]
    public async Task Resolve_ManyChannelsAtOnce_NeverMixesChannelsAndStaysWithinTheCap()
    {
        // Given: each worker asks about its own subject in its own channels, then follows up, all at once, with
        // more channels than the cap so that eviction runs concurrently too.
        string[] subjects = ["Lenin", "Trotsky", "Stalin", "Kamenev", "Zinoviev", "Bukharin", "Kerensky", "Martov"];
        const int cap = 64;
        var contexts = new FollowUpContexts(cap, Idle, new FakeTimeProvider());
        using var start = new Barrier(subjects.Length);
        var rewritten = 0;

        // When
        var workers = subjects.Select((subject, worker) => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                var mixedUp = new List<string>();
                for (var i = 0; i < 3000; i++)
                {
                    var channel = (ulong)(worker * 1000 + i % 40);
                    contexts.Resolve(channel, $"Who succeeded {subject}?");
                    var followUp = contexts.Resolve(channel, "When did he die?");
                    if (followUp.IsRewritten)
                    {
                        Interlocked.Increment(ref rewritten);
                        if (followUp.Resolved != $"When did {subject} die?")
                        {
                            mixedUp.Add(followUp.Resolved);
                        }
                    }
                }

                return mixedUp;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToList();
        var results = await Task.WhenAll(workers);

        // Then
        Assert.All(results, Assert.Empty);
        Assert.True(rewritten > 0);
        Assert.InRange(contexts.Count, 1, cap);
    }
}
