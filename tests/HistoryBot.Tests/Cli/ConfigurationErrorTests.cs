using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>Tests that set HISTORYBOT_ environment variables, which every test in the process would see.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>A bad configuration value is one line naming the key and what is allowed, exit code 2, before any work.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("Retrieval__MinimumConfidence", "7", "Retrieval:MinimumConfidence")]
    [InlineData("Retrieval__MinimumConfidence", "abc", "Retrieval:MinimumConfidence: 'abc' is not a number")]
    [InlineData("Retrieval__MinimumConfidence", "NaN", "Retrieval:MinimumConfidence: must be a finite number, not NaN")]
    [InlineData("Retrieval__SemanticWeight", "Infinity", "Retrieval:SemanticWeight: must be a finite number, not Infinity")]
    [InlineData("Retrieval__SemanticWeight", "-Infinity", "Retrieval:SemanticWeight: must be a finite number")]
    [InlineData("Retrieval__Mode", "magic", "Retrieval:Mode: 'magic' is not one of Lexical, Hybrid")]
    [InlineData("Retrieval__Mode", "7", "Retrieval:Mode: '7' is not one of Lexical, Hybrid")]
    [InlineData("Index__Chunking__MaxPassageChars", "many", "Index:Chunking:MaxPassageChars: 'many' is not a whole number")]
    [InlineData("Index__BuildLockTimeout", "soon", "Index:BuildLockTimeout: 'soon' is not a time span")]
    [InlineData("Index__WatchCorpus", "maybe", "Index:WatchCorpus: 'maybe' is not true or false")]
    public void AnyCommand_BadEnvironmentValue_IsAUsageErrorNamingTheKey(string variable, string value, string expected)
    {
        Environment.SetEnvironmentVariable(AppConfiguration.EnvironmentPrefix + variable, value);
        try
        {
            foreach (var args in new[] { new[] { "ask", "When did Lenin die?" }, ["search", "lenin"], ["index"] })
            {
                var result = _cli.Run(args);

                Assert.Equal(ExitCodes.UsageError, result.ExitCode);
                Assert.StartsWith("error: configuration ", result.Error, StringComparison.Ordinal);
                Assert.Contains(expected, result.Error, StringComparison.Ordinal);
                Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
            }

            // Checked before any work: no index was built.
            Assert.False(Directory.Exists(_cli.IndexFolder));
        }
        finally
        {
            Environment.SetEnvironmentVariable(AppConfiguration.EnvironmentPrefix + variable, null);
        }
    }

    [Fact]
    public void Help_BadEnvironmentValue_StillShowsHelp()
    {
        Environment.SetEnvironmentVariable("HISTORYBOT_Retrieval__MinimumConfidence", "abc");
        try
        {
            var result = _cli.Run("ask", "--help");

            Assert.Equal(ExitCodes.Success, result.ExitCode);
            Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HISTORYBOT_Retrieval__MinimumConfidence", null);
        }
    }

    [Theory]
    [InlineData("{\"Retrieval\": {\n", "at line 2, column 1:")]
    [InlineData("{\"Retrieval\": {\"Mode\": \"Lexical\",\n  \"MinimumConfidence\": tru }}", "at line 2, column")]
    public void AnyCommand_InvalidSettingsFile_NamesTheFileAndLine(string json, string expected)
    {
        var file = _cli.Temp.Write(AppConfiguration.SettingsFileName, json);

        var result = _cli.Run("ask", "When did Lenin die?");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.StartsWith($"error: {file} is not valid JSON {expected}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void AnyCommand_SettingsFileValue_IsUsed()
    {
        _cli.Temp.Write(AppConfiguration.SettingsFileName, "{\"Retrieval\": {\"Mode\": \"Lexical\", \"MinimumConfidence\": \"0.99\"}}");

        var result = _cli.Run("ask", "--json", "When did Lenin die?");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("\"answered\":false", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Discord_BadRetrievalOverride_IsAUsageErrorBeforeConnecting()
    {
        var result = _cli.Run("discord", "--Retrieval:MinimumConfidence=abc", "--Discord:Token=x");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("Retrieval:MinimumConfidence: 'abc' is not a number", result.Error, StringComparison.Ordinal);
    }
}
