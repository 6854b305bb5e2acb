using HistoryBot.Core.Corpus;
using HistoryBot.Core.Indexing;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Live;

/// <summary>What the live service asks of the corpus folder itself: a watch on it.</summary>
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
}
