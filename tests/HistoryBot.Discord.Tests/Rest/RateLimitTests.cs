using HistoryBot.Discord.Client.Rest;
using Microsoft.Extensions.Time.Testing;

namespace HistoryBot.Discord.Tests.Rest;

public sealed class RateLimitTests
{
    private static readonly RestRoute Messages = new(HttpMethod.Post, "/channels/{channel_id}/messages", "1", "/channels/1/messages");

    private static RateLimitHeaders Headers(string? remaining, string? resetAfter, string? bucket = "abc", string? retryAfter = null, string? global = null) =>
        RateLimitHeaders.Parse(name => name switch
        {
            "X-RateLimit-Limit" => "5",
            "X-RateLimit-Remaining" => remaining,
            "X-RateLimit-Reset-After" => resetAfter,
            "X-RateLimit-Bucket" => bucket,
            "X-RateLimit-Global" => global,
            "Retry-After" => retryAfter,
            _ => null,
        });

    [Fact]
    public void Parse_Headers_ReadsFractionalSecondsAndGlobal()
    {
        var headers = Headers("0", "1.25", retryAfter: "2", global: "true");

        Assert.Equal(5, headers.Limit);
        Assert.Equal(0, headers.Remaining);
        Assert.Equal(1.25, headers.ResetAfterSeconds);
        Assert.True(headers.Global);
        Assert.Equal(2, headers.RetryAfterSeconds);
    }

    [Fact]
    public void Bucket_Spent_WaitsUntilReset()
    {
        // Given
        var time = new FakeTimeProvider();
        var bucket = new RateLimitBucket();

        // When
        bucket.Update(Headers("0", "1.5"), time.GetUtcNow());

        // Then
        Assert.Equal(TimeSpan.FromSeconds(1.5), bucket.DelayAt(time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(TimeSpan.Zero, bucket.DelayAt(time.GetUtcNow()));
    }

    [Fact]
    public void Bucket_Remaining_DoesNotWait()
    {
        var time = new FakeTimeProvider();
        var bucket = new RateLimitBucket();

        bucket.Update(Headers("3", "10"), time.GetUtcNow());

        Assert.Equal(TimeSpan.Zero, bucket.DelayAt(time.GetUtcNow()));
    }

    [Fact]
    public void Bucket_BlockedBy429_WaitsRetryAfter()
    {
        var time = new FakeTimeProvider();
        var bucket = new RateLimitBucket();

        bucket.BlockUntil(time.GetUtcNow() + TimeSpan.FromSeconds(0.75));

        Assert.Equal(TimeSpan.FromSeconds(0.75), bucket.DelayAt(time.GetUtcNow()));
    }

    [Fact]
    public void Limiter_LearnsBucketHash_PerTopLevelResource()
    {
        // Given
        var limiter = new RateLimiter(new FakeTimeProvider());
        var first = limiter.GetBucket(Messages);

        // When
        var learned = limiter.Update(Messages, first, Headers("4", "1", bucket: "hash1"));
        var otherChannel = limiter.GetBucket(Messages with { MajorId = "2", Path = "/channels/2/messages" });

        // Then
        Assert.Same(learned, limiter.GetBucket(Messages));
        Assert.NotSame(learned, otherChannel);
    }

    [Fact]
    public void Limiter_Global429_PausesEveryRoute()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(time);

        limiter.PauseGlobally(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), limiter.GlobalDelay);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.Zero, limiter.GlobalDelay);
    }

    [Fact]
    public void Limiter_OneBucketPerInteraction_ForgetsIdleOnes()
    {
        // Given: a thousand interaction callbacks, each with a bucket of its own
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(time);
        for (var i = 0; i < 1000; i++)
        {
            var route = Callback(i);
            limiter.Update(route, limiter.GetBucket(route), Headers("0", "1", bucket: null));
        }

        Assert.Equal(1000, limiter.BucketCount);

        // When: all of them are idle past the timeout, and one more request arrives
        time.Advance(RateLimiter.IdleTimeout + TimeSpan.FromSeconds(1));
        limiter.GetBucket(Callback(1000));

        // Then
        Assert.Equal(1, limiter.BucketCount);
    }

    [Fact]
    public void Limiter_BucketWaitingForItsReset_IsKept()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter(time);
        var bucket = limiter.GetBucket(Messages);
        bucket.BlockUntil(time.GetUtcNow() + TimeSpan.FromHours(1));

        time.Advance(RateLimiter.IdleTimeout + TimeSpan.FromSeconds(1));
        limiter.GetBucket(Callback(1));

        Assert.Same(bucket, limiter.GetBucket(Messages));
    }

    [Fact]
    public void Limiter_ManyBucketsAtOnce_StaysWithinTheCap()
    {
        var limiter = new RateLimiter(new FakeTimeProvider(), maxBuckets: 50);

        for (var i = 0; i < 500; i++)
        {
            limiter.GetBucket(Callback(i));
        }

        Assert.InRange(limiter.BucketCount, 1, 50);
    }

    private static RestRoute Callback(int id) =>
        new(HttpMethod.Post, "/interactions/{interaction_id}/{interaction_token}/callback", $"{id}", $"/interactions/{id}/t/callback", UsesBotAuth: false, Global: false);
}
