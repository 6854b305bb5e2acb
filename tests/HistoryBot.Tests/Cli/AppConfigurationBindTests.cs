using HistoryBot.Cli;
using Microsoft.Extensions.Configuration;

namespace HistoryBot.Tests.Cli;

/// <summary>The one options binder every section goes through (Retrieval, Index, Log, Discord): lists and key-named errors.</summary>
public sealed class AppConfigurationBindTests
{
    public sealed class ListOptions
    {
        public IReadOnlyList<int> Numbers { get; set; } = [];

        public IReadOnlyList<ulong> Ids { get; set; } = [];

        public int Count { get; set; } = 1;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Bind_ListCommaSeparatedOrAsChildren_ReadsEveryItem()
    {
        var configuration = Configuration(new()
        {
            ["S:Numbers"] = "1, 2;3",
            ["S:Ids:0"] = "7",
            ["S:Ids:1"] = "8",
        });

        var options = AppConfiguration.Bind(configuration, "S", new ListOptions());

        Assert.Equal([1, 2, 3], options.Numbers);
        Assert.Equal([7UL, 8UL], options.Ids);
    }

    [Theory]
    [InlineData("S:Numbers", "1, x", "S:Numbers: 'x' is not a whole number")]
    [InlineData("S:Ids:1", "-4", "S:Ids: '-4' is not a whole number of 0 or more")]
    public void Bind_ListItemThatDoesNotConvert_IsAUsageErrorNamingTheKey(string key, string value, string expected)
    {
        var configuration = Configuration(new() { ["S:Ids:0"] = "1", [key] = value });

        var error = Assert.Throws<UsageException>(() => AppConfiguration.Bind(configuration, "S", new ListOptions()));

        Assert.StartsWith($"configuration {expected}", error.Message, StringComparison.Ordinal);
    }
}
