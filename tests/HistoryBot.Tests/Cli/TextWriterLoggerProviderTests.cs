using HistoryBot.Cli;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Tests.Cli;

public sealed class TextWriterLoggerProviderTests
{
    [Fact]
    public void Log_WarningWithException_AppendsTheExceptionTypeAndMessageOnOneLine()
    {
        var output = new StringWriter();
        using var provider = new TextWriterLoggerProvider(output, LogLevel.Warning);

        provider.CreateLogger("test").LogWarning(new IOException("disk full"), "Sentence embeddings are unavailable.");

        Assert.Equal("warning: Sentence embeddings are unavailable. (IOException: disk full)" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Log_MessageAlreadyNamingTheException_DoesNotRepeatIt()
    {
        var output = new StringWriter();
        using var provider = new TextWriterLoggerProvider(output, LogLevel.Warning);
        var error = new IOException("disk full");

        provider.CreateLogger("test").LogWarning(error, "Skipped a.txt: {Reason}", error.Message);

        Assert.Equal("warning: Skipped a.txt: disk full" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Log_DebugMinimumWithException_WritesTheStackTraceToo()
    {
        var output = new StringWriter();
        using var provider = new TextWriterLoggerProvider(output, LogLevel.Debug);
        Exception thrown;
        try
        {
            throw new InvalidOperationException("broken");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        provider.CreateLogger("test").LogError(thrown, "Reload failed.");

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal("error: Reload failed. (InvalidOperationException: broken)", lines[0]);
        Assert.Contains(nameof(Log_DebugMinimumWithException_WritesTheStackTraceToo), output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_BelowTheMinimum_WritesNothing()
    {
        var output = new StringWriter();
        using var provider = new TextWriterLoggerProvider(output, LogLevel.Warning);

        provider.CreateLogger("test").LogInformation("Loaded the model.");

        Assert.Equal(string.Empty, output.ToString());
    }
}
