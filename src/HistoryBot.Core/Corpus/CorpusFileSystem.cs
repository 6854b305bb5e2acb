using Mono.Unix;
using Mono.Unix.Native;

namespace HistoryBot.Core.Corpus;

/// <summary>
/// How the index lists corpus folders and reads corpus files: the disk, unless a test substitutes one that refuses some
/// paths the way a mode-000 file or folder refuses an ordinary user (root, which tests may run as, reads those anyway).
/// </summary>
internal class CorpusFileSystem
{
    public static CorpusFileSystem Disk { get; } = new();

    /// <summary>The entries of a folder.</summary>
    /// <exception cref="UnauthorizedAccessException">The folder may not be read.</exception>
    /// <exception cref="IOException">The folder is gone or can't be read.</exception>
    public virtual FileSystemInfo[] List(string folder) => new DirectoryInfo(folder).GetFileSystemInfos();

    /// <summary>
    /// Whether this process may read the file, from its permissions alone (access(2): nothing is opened). A read can
    /// still fail later; this only lets a file that can't be read be told apart before its size and time are trusted.
    /// </summary>
    public virtual bool CanRead(string path) =>
        OperatingSystem.IsWindows() || new UnixFileInfo(path).CanAccess(AccessModes.R_OK);

    /// <summary>The file's bytes.</summary>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="IOException">The file is gone (<see cref="FileNotFoundException"/>) or can't be read.</exception>
    public virtual byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    /// <summary>The file, open for reading.</summary>
    public virtual Stream OpenRead(string path) => File.OpenRead(path);

    /// <summary>
    /// Whether a failed read means the file is gone (it is then dropped from the index) rather than there but unreadable
    /// (its last indexed content is kept).
    /// </summary>
    public static bool IsGone(Exception readFailure) => readFailure is FileNotFoundException or DirectoryNotFoundException;
}
