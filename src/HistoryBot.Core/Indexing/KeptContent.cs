using HistoryBot.Core.Corpus;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// The files whose last good content an opening of the index keeps because they can't be read now: one warning each,
/// however many times the opening looks at them (it may check the index twice and then update it).
/// </summary>
internal sealed class KeptContent(ILogger logger)
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Kept(string id)
    {
        lock (_lock)
        {
            if (!_warned.Add(id))
            {
                return;
            }
        }

        logger.LogWarning(
            "Can't read {File} now; answering from the content indexed from it before, until it can be read again.", CorpusScanner.Printable(id));
    }
}
