using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HistoryBot.QuestionLog.Tests.Support;

/// <summary>Keeps what was logged, to check that a failure was reported (and how often).</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public IEnumerable<(LogLevel Level, string Message, Exception? Exception)> Warnings =>
        Entries.Where(e => e.Level == LogLevel.Warning);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception), exception));
}
