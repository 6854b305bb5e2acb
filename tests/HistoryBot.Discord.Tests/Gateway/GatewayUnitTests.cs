using HistoryBot.Discord.Client.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace HistoryBot.Discord.Tests.Gateway;

public sealed class GatewayUnitTests
{
    [Theory]
    [InlineData(null, GatewayCloseAction.Resume)]
    [InlineData(1000, GatewayCloseAction.Resume)]
    [InlineData(4000, GatewayCloseAction.Resume)]
    [InlineData(4001, GatewayCloseAction.Resume)]
    [InlineData(4002, GatewayCloseAction.Resume)]
    [InlineData(4003, GatewayCloseAction.Resume)]
    [InlineData(4005, GatewayCloseAction.Resume)]
    [InlineData(4008, GatewayCloseAction.Resume)]
    [InlineData(4007, GatewayCloseAction.Reidentify)]
    [InlineData(4009, GatewayCloseAction.Reidentify)]
    [InlineData(4004, GatewayCloseAction.Fatal)]
    [InlineData(4010, GatewayCloseAction.Fatal)]
    [InlineData(4011, GatewayCloseAction.Fatal)]
    [InlineData(4012, GatewayCloseAction.Fatal)]
    [InlineData(4013, GatewayCloseAction.Fatal)]
    [InlineData(4014, GatewayCloseAction.Fatal)]
    public void Classify_CloseCode_FollowsTheDocsTable(int? code, GatewayCloseAction expected) =>
        Assert.Equal(expected, GatewayCloseCodes.Classify(code));

    [Theory]
    [InlineData("wss://gateway.discord.gg", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("ws://127.0.0.1:5000/gateway", "ws://127.0.0.1:5000/gateway?v=10&encoding=json")]
    [InlineData("ws://127.0.0.1:5000/gw?x=1&v=9&compress=zlib-stream", "ws://127.0.0.1:5000/gw?x=1&v=10&encoding=json")]
    public void Build_GatewayUrl_SetsVersionAndEncodingOnce(string url, string expected) =>
        Assert.Equal(expected, GatewayUrl.Build(url).AbsoluteUri);

    [Fact]
    public void ReconnectDelay_FirstIsQuick_LaterOnesBackOffUpToTheCap()
    {
        var timings = new GatewayTimings { Jitter = () => 0.5 };

        Assert.True(timings.ReconnectDelay(1) < TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), timings.ReconnectDelay(2));
        Assert.Equal(TimeSpan.FromSeconds(4), timings.ReconnectDelay(4));
        Assert.Equal(TimeSpan.FromSeconds(60), timings.ReconnectDelay(30));
        Assert.InRange(timings.InvalidSessionDelay(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task IdentifyGate_SameRateLimitKey_WaitsOneWindow()
    {
        // Given
        var time = new FakeTimeProvider();
        var gate = new IdentifyGate(maxConcurrency: 2, TimeSpan.FromSeconds(5), time);

        // When
        await gate.WaitAsync(0, CancellationToken.None);
        await gate.WaitAsync(1, CancellationToken.None);
        var third = gate.WaitAsync(2, CancellationToken.None);

        // Then
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        await third.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Describe_4004And4014_SayWhatToFix()
    {
        Assert.Contains("Discord:Token", GatewayCloseCodes.Describe(4004), StringComparison.Ordinal);
        Assert.Contains("HISTORYBOT_Discord__Token", GatewayCloseCodes.Describe(4004), StringComparison.Ordinal);
        Assert.Contains("Developer Portal", GatewayCloseCodes.Describe(4014), StringComparison.Ordinal);
    }
}
