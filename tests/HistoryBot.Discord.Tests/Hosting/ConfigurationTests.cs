using Microsoft.Extensions.Configuration;

namespace HistoryBot.Discord.Tests.Hosting;

public sealed class ConfigurationTests
{
    private static DiscordOptions Options(Dictionary<string, string?> values, out IReadOnlyList<string> errors) =>
        DiscordOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), out errors);

    [Fact]
    public async Task RunAsync_MissingToken_PrintsOneLineNamingKeyAndVariable_Exits2()
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
    public void FromConfiguration_ListsAsChildrenOrCommaSeparated()
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
    public void Build_EnvironmentWithPrefix_AndCommandLine_Override()
    {
        Environment.SetEnvironmentVariable("HISTORYBOT_Discord__GuildId", "42");
        try
        {
            var configuration = DiscordConfiguration.Build(["--Discord:ChannelIds=7"], Path.GetTempPath());

            Assert.Equal("42", configuration["Discord:GuildId"]);
            Assert.Equal("7", configuration["Discord:ChannelIds"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HISTORYBOT_Discord__GuildId", null);
        }
    }
}
