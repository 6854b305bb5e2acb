using Microsoft.Extensions.Logging;

namespace HistoryBot.Tests.Support;

/// <summary>A logger factory whose every logger writes to one <see cref="ListLogger"/>.</summary>
public sealed class ListLoggerProvider(ListLogger logger) : ILoggerProvider
{
    public static ILoggerFactory Factory(ListLogger logger) => LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(logger)));

    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
