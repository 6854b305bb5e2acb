using System.Text.Json;

namespace HistoryBot.Tests.Cli;

/// <summary>
/// Settings the app gives the .NET runtime itself, so that a user does not have to know an environment variable: they
/// live in the <c>historybot.runtimeconfig.json</c> the build writes beside the app (and beside these tests, which
/// reference it).
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void AppRuntimeConfig_AsksForTheServerGarbageCollector()
    {
        // Given the runtime configuration the build wrote for the app
        var path = Path.Combine(AppContext.BaseDirectory, "historybot.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: the app's build no longer writes it beside the tests.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));

        // When its configuration properties are read
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        // Then the server GC is on: with the workstation GC, two question loops served 1.3x one instead of 1.6-2x
        Assert.True(properties.TryGetProperty("System.GC.Server", out var server), "System.GC.Server is not set.");
        Assert.True(server.GetBoolean());
    }

    [Fact]
    public void AppRuntimeConfig_KeepsTheServerHeapCountFixed()
    {
        // Given the runtime configuration the build wrote for the app
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "historybot.runtimeconfig.json")));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        // Then the GC's dynamic adaptation is off: its heap-count changes doubled the 99th-percentile search time
        Assert.True(properties.TryGetProperty("System.GC.DynamicAdaptationMode", out var mode), "System.GC.DynamicAdaptationMode is not set.");
        Assert.Equal(0, mode.GetInt32());
    }
}
