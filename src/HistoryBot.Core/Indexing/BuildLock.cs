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
    /// <param name="open">Opens the lock file exclusively (a seam for tests; the default opens it on disk).</param>
    /// <exception cref="IOException">Another process held the lock for longer than <paramref name="timeout"/>.</exception>
    /// <exception cref="IndexFolderNotWritableException">The folder is read-only or can't be written (no wait).</exception>
    public static BuildLock Acquire(
        string indexPath, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken, Func<string, FileStream>? open = null)
    {
        var path = Path.Combine(indexPath, FileName);
        open ??= OpenExclusive;
        var waited = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new BuildLock(open(path));
            }
            catch (IOException e) when (IsHeldByAnother(e) && waited.Elapsed < timeout)
            {
                if (!told)
                {
                    logger.LogInformation("Another process is building the index in {IndexPath}; waiting for it.", indexPath);
                    told = true;
                }

                cancellationToken.WaitHandle.WaitOne(PollInterval);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException io && !IsHeldByAnother(io)))
            {
                // A read-only file system (EROFS), no permission or a full disk: waiting would never help.
                throw new IndexFolderNotWritableException(indexPath, e);
            }
        }
    }

    /// <summary>
    /// Whether opening the lock file failed because another process holds it: EWOULDBLOCK/EAGAIN from the advisory lock
    /// on Unix (11 on Linux, 35 on macOS), a sharing or lock violation on Windows. Any other error (EROFS, ENOSPC...) is
    /// not worth waiting for.
    /// </summary>
    internal static bool IsHeldByAnother(IOException e) =>
        e.HResult is 11 or 35 || (e.HResult & 0xFFFF) is 32 or 33 || e.GetType() == typeof(IOException) && e.HResult == unchecked((int)0x80070020);

    private static FileStream OpenExclusive(string path) => new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    public void Dispose() => _stream.Dispose();
}
