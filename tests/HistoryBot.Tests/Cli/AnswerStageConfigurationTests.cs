using HistoryBot.Cli;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>Every answer stage's options are bound from the flat Retrieval keys and checked before any work.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class AnswerStageConfigurationTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("Retrieval__SemanticFloor", "0.95", "Retrieval:SemanticFloor: must be below SemanticCeiling")]
    [InlineData("Retrieval__MaxQuoteChars", "5", "Retrieval:MaxQuoteChars")]
    [InlineData("Retrieval__MaxQuestionLength", "0", "Retrieval:MaxQuestionLength")]
    [InlineData("Retrieval__PassageWeight", "NaN", "Retrieval:PassageWeight: must be a finite number")]
    public void Ask_BadStageValue_IsAUsageErrorNamingTheKey(string variable, string value, string expected)
    {
        Environment.SetEnvironmentVariable(AppConfiguration.EnvironmentPrefix + variable, value);
        try
        {
            var result = _cli.Run("ask", "When did Lenin die?");

            Assert.Equal(ExitCodes.UsageError, result.ExitCode);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(_cli.IndexFolder));
        }
        finally
        {
            Environment.SetEnvironmentVariable(AppConfiguration.EnvironmentPrefix + variable, null);
        }
    }
}
