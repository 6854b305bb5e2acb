using HistoryBot.Cli;
using HistoryBot.Core.Answering;
using Microsoft.Extensions.Configuration;

namespace HistoryBot.Tests.Cli;

/// <summary>appsettings.example.json, copied as it is, leaves the answer path's own defaults in force.</summary>
public sealed class ExampleSettingsTests
{
    [Fact]
    public void ExampleSettings_LeaveTheMinimumConfidenceUnset_SoTheAnswerPathsOwnThresholdApplies()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExampleFile(), optional: false).Build();

        var confidence = AppConfiguration.Bind(configuration, "Retrieval", new ConfidenceOptions());

        // A number here would silently replace the calibrated thresholds chosen with the model (0.2x) by the hand one.
        Assert.Null(confidence.MinimumConfidence);
        Assert.Equal(new ConfidenceOptions().AnswerPath, confidence.AnswerPath);
        Assert.Equal(new ConfidenceOptions().CalibratedConfidence, confidence.CalibratedConfidence);
        Assert.Equal(new ConfidenceOptions().CalibratedHandConfidence, confidence.CalibratedHandConfidence);
    }

    private static string ExampleFile()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, "appsettings.example.json");
            if (File.Exists(file) && File.Exists(Path.Combine(folder.FullName, "HistoryBot.sln")))
            {
                return file;
            }
        }

        throw new InvalidOperationException("appsettings.example.json not found above " + AppContext.BaseDirectory);
    }
}
