using HistoryBot.Core.Corpus;
using HistoryBot.Core.Indexing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Core.Live;

/// <summary>What the live service asks of the corpus folder itself: a watch on it, and when it last changed.</summary>
internal static class LiveCorpus
{
    /// <summary>A watch on the corpus folder, or null (with a warning) where the system refuses one.</summary>
    public static CorpusWatcher? TryWatch(
        IndexOptions options,
        TimeSpan quietPeriod,
        TimeSpan maxDelay,
        Action<DateTimeOffset> changed,
        TimeProvider? timeProvider,
        ILoggerFactory loggerFactory,
        ILogger logger)
    {
        try
        {
            return new CorpusWatcher(
                options.CorpusDirectory,
                options.Readers.Extensions,
                quietPeriod,
                maxDelay,
                changed,
                timeProvider,
                loggerFactory.CreateLogger<CorpusWatcher>());
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // A missing folder is reported by the open that follows; a watch limit reached is not worth stopping for.
            logger.LogWarning(e, "Can't watch the corpus folder {Folder}; changes to it are seen only after a restart.", options.CorpusDirectory);
            return null;
        }
    }

    /// <summary>The newest document's modification time: when the corpus last changed, as far as a start can tell.</summary>
    public static DateTimeOffset? NewestFileTime(IndexOptions options)
    {
        try
        {
            var files = CorpusScanner.Scan(options.CorpusDirectory, options.Readers.Extensions, NullLogger.Instance);
            return new DateTimeOffset(files.Max(f => f.LastWriteTimeUtc), TimeSpan.Zero);
        }
        catch (Exception e) when (e is CorpusNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
