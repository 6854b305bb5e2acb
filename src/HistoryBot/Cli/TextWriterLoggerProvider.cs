using HistoryBot.Cli.Output;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Cli;

/// <summary>
/// Writes log messages as single lines ("warning: ...") to a text writer: the console's error stream. Messages name
/// corpus files, so control characters in them are shown escaped. A logged exception's type and message are appended to
/// its line (library code passes exceptions to the logger rather than their message); its stack trace follows only
/// when the minimum level is <see cref="LogLevel.Debug"/> or lower.
/// </summary>
public sealed class TextWriterLoggerProvider(TextWriter writer, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly TextWriter _writer = writer;
    private readonly LogLevel _minimum = minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriterLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var label = logLevel switch
            {
                LogLevel.Critical or LogLevel.Error => "error",
                LogLevel.Warning => "warning",
                LogLevel.Information => "info",
                _ => "debug",
            };
            var message = formatter(state, exception);
            if (exception is not null && !message.Contains(exception.Message, StringComparison.Ordinal))
            {
                message = $"{message} ({exception.GetType().Name}: {exception.Message})";
            }

            lock (owner._gate)
            {
                owner._writer.WriteLine($"{label}: {TerminalText.Escape(message)}");
                if (exception is not null && owner._minimum <= LogLevel.Debug)
                {
                    owner._writer.WriteLine(exception.ToString());
                }

                owner._writer.Flush();
            }
        }
    }
}
