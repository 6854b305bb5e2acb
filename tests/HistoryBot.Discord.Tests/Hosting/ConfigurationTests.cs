using Microsoft.Extensions.Configuration;

namespace HistoryBot.Discord.Tests.Hosting;

public sealed class ConfigurationTests
{
    private static DiscordOptions Options(Dictionary<string, string?> values, out IReadOnlyList<string> errors) =>
        DiscordOptionsLoader.Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), out errors);

    [Fact]
    public async Task RunAsync_MissingToken_Exits2WithOneLineNamingKeyAndVariable()
    {
        var errors = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = " " }).Build();

        var exit = await DiscordBotRunner.RunAsync(new Support.FakeAnswerService(), configuration, null, errors, CancellationToken.None);

        Assert.Equal(2, exit);
        var line = Assert.Single(errors.ToString().TrimEnd().Split('\n'));
        Assert.Contains("Discord:Token", line, StringComparison.Ordinal);
        Assert.Contains("HISTORYBOT_Discord__Token", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ListAsChildrenOrCommaSeparated_ReadsEveryItem()
    {
        var options = Options(new()
        {
            ["Discord:Token"] = "t",
            ["Discord:ChannelIds"] = "1, 2",
            ["Discord:ShardIds:0"] = "0",
            ["Discord:ShardIds:1"] = "2",
            ["Discord:ShardCount"] = "3",
            ["Discord:GuildId"] = "123456789012345678",
        }, out var errors);

        Assert.Empty(errors);
        Assert.Equal([1UL, 2UL], options.ChannelIds);
        Assert.Equal([0, 2], options.ShardIds);
        Assert.Equal(123456789012345678UL, options.GuildId);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Bind_FollowUpKeys_AreReadAndDefaultTo1000ChannelsAnd30Minutes()
    {
        var defaults = Options(new() { ["Discord:Token"] = "t" }, out _);
        var configured = Options(new()
        {
            ["Discord:Token"] = "t",
            ["Discord:FollowUpChannels"] = "0",
            ["Discord:FollowUpIdleMinutes"] = "2.5",
        }, out var errors);

        Assert.Equal(1000, defaults.FollowUpChannels);
        Assert.Equal(30, defaults.FollowUpIdleMinutes);
        Assert.Empty(errors);
        Assert.Equal(0, configured.FollowUpChannels);
        Assert.Equal(2.5, configured.FollowUpIdleMinutes);
        Assert.Empty(configured.Validate());
    }

    [Theory]
    [InlineData("-1", "30")]
    [InlineData("1000", "0")]
    public void Validate_FollowUpOutOfRange_IsReported(string channels, string idleMinutes)
    {
        var options = Options(new()
        {
            ["Discord:Token"] = "t",
            ["Discord:FollowUpChannels"] = channels,
            ["Discord:FollowUpIdleMinutes"] = idleMinutes,
        }, out _);

        var problem = Assert.Single(options.Validate());
        Assert.Contains("Discord:FollowUp", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadValues_AreReportedWithoutTheToken()
    {
        var options = Options(new()
        {
            ["Discord:Token"] = "super-secret",
            ["Discord:ApiBaseUrl"] = "ftp://x",
            ["Discord:ShardCount"] = "2",
            ["Discord:ShardIds"] = "5",
        }, out _);

        var problems = options.Validate();

        Assert.Equal(2, problems.Count);
        Assert.DoesNotContain(problems, p => p.Contains("super-secret", StringComparison.Ordinal));
        Assert.DoesNotContain("super-secret", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EnvironmentAndCommandLine_OverrideTheFile()
    {
        Environment.SetEnvironmentVariable("HISTORYBOT_Discord__GuildId", "42");
        try
        {
            var configuration = HistoryBot.Cli.AppConfiguration.Build(["--Discord:ChannelIds=7"]);

            Assert.Equal("42", configuration["Discord:GuildId"]);
            Assert.Equal("7", configuration["Discord:ChannelIds"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HISTORYBOT_Discord__GuildId", null);
        }
    }

    [Theory]
    [InlineData("UserCooldownSeconds", "NaN")]
    [InlineData("UserCooldownSeconds", "Infinity")]
    [InlineData("UserCooldownSeconds", "-Infinity")]
    [InlineData("ChannelWindowSeconds", "NaN")]
    [InlineData("FollowUpIdleMinutes", "Infinity")]
    public void Load_NonFiniteNumber_IsOneLineNamingTheKeyAndTheRange(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "t",
            [$"Discord:{key}"] = value,
        }).Build();

        var options = DiscordOptionsLoader.Load(configuration, out var problems);

        Assert.Null(options);
        var problem = Assert.Single(problems);
        Assert.StartsWith($"Discord:{key} must be a number", problem, StringComparison.Ordinal);
        Assert.Matches(@"in [\[(]0, \d+\]", problem);
    }

    [Theory]
    [InlineData("ChannelLimit", "abc", "'abc' is not a whole number")]
    [InlineData("UserCooldownSeconds", "ten", "'ten' is not a number")]
    [InlineData("AnswerDirectMessages", "yes", "'yes' is not true or false")]
    [InlineData("ChannelIds", "1, x", "'x' is not a Discord id")]
    [InlineData("ShardIds", "0, one", "'one' is not a whole number")]
    public void Load_ValueThatDoesNotConvert_NamesTheKeyAndWhatIsAllowed(string key, string value, string allowed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "t",
            [$"Discord:{key}"] = value,
        }).Build();

        Assert.Null(DiscordOptionsLoader.Load(configuration, out var problems));

        var problem = Assert.Single(problems);
        // The same wording as every other section's (one binder): key, value, what is allowed.
        Assert.StartsWith($"Discord:{key}: {allowed}", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MTAw.abc def.xyz")]
    [InlineData("MTAw.abc\u0007.xyz")]
    [InlineData("MTAw.äbc.xyz")]
    public void Load_TokenWithSpacesControlOrNonAsciiCharacters_IsAConfigurationErrorWithoutTheToken(string token)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = token }).Build();

        Assert.Null(DiscordOptionsLoader.Load(configuration, out var problems));

        var problem = Assert.Single(problems);
        Assert.StartsWith("Discord:Token", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TokenWithSurroundingWhitespace_IsTrimmedAndAccepted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "  MTAw.abc.xyz \n" }).Build();

        var options = DiscordOptionsLoader.Load(configuration, out var problems);

        Assert.Empty(problems);
        Assert.Equal("MTAw.abc.xyz", options!.Token);
    }

    [Fact]
    public void Load_MaxConcurrentAnswers_DefaultsToTwoPerProcessorAndIsRangeChecked()
    {
        var defaults = DiscordOptionsLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "t" }).Build(), out _);
        var zero = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "t", ["Discord:MaxConcurrentAnswers"] = "0" }).Build();

        Assert.Equal(Math.Min(256, Environment.ProcessorCount * 2), defaults!.MaxConcurrentAnswers);
        Assert.Null(DiscordOptionsLoader.Load(zero, out var problems));
        Assert.Equal("Discord:MaxConcurrentAnswers must be a whole number in [1, 256].", Assert.Single(problems));
    }
}
