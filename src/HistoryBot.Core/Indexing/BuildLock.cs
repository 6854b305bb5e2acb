using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// The cross-process lock of an index folder: held while the Lucene index is built or updated and while its sentences are
/// embedded, so that processes started together do the work once and the others wait for it. It is an exclusive open
/// of a lock file (an advisory lock on Unix), released by the operating system if the process dies.
/// </summary>
internal sealed class BuildLock : IDisposable
{
    public const string FileName = "build.lock";

    /// <summary>How long a process waits for another one's build unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _stream;

    private BuildLock(FileStream stream) => _stream = stream;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock of <paramref name="indexPath"/>.</summary>
    /// <exception cref="IOException">Another process held the lock for longer than <paramref name="timeout"/>.</exception>
    public static BuildLock Acquire(string indexPath, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var path = Path.Combine(indexPath, FileName);
        var waited = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new BuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                if (!told)
                {
                    logger.LogInformation("Another process is building the index in {IndexPath}; waiting for it.", indexPath);
                    told = true;
                }

                cancellationToken.WaitHandle.WaitOne(PollInterval);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
