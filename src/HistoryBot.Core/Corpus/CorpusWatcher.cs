using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HistoryBot.Core.Corpus;

/// <summary>
/// Watches a corpus folder (recursively) and calls back once a burst of changes to its documents has settled: an
/// editor's save in several steps, or a copy of a hundred files, is one callback, not a hundred. Renames, deletions,
/// new folders and lost events (the watcher's buffer overflowing) count as changes too: the callback rescans the whole
/// folder anyway, so no event needs to be exact. A folder that keeps changing is still reported every
/// <c>maxDelay</c>, so a change is never held back for long.
/// </summary>
internal sealed class CorpusWatcher : IDisposable
{
    private readonly FileSystemWatcher? _parentWatcher;
    private readonly string _root;
    private FileSystemWatcher _watcher;
    private readonly IReadOnlyList<string> _extensions;
    private readonly Action<DateTimeOffset> _changed;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly TimeSpan _quietPeriod;
    private readonly TimeSpan _maxDelay;
    private readonly Lock _gate = new();
    private DateTimeOffset? _burstStart;
    private DateTimeOffset _lastEvent;
    private bool _disposed;

    /// <param name="quietPeriod">How long the folder must be quiet after a change before <paramref name="changed"/> runs.</param>
    /// <param name="maxDelay">The longest a change waits while the folder keeps changing.</param>
    /// <param name="changed">Gets the time of the burst's last change. Runs on a timer thread: hand the work off and return.</param>
    /// <exception cref="ArgumentException">The folder does not exist.</exception>
    /// <exception cref="IOException">The system refused to watch it (e.g. the inotify watch limit).</exception>
    public CorpusWatcher(
        string corpusDirectory,
        IReadOnlyList<string> extensions,
        TimeSpan quietPeriod,
        TimeSpan maxDelay,
        Action<DateTimeOffset> changed,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(corpusDirectory);
        ArgumentNullException.ThrowIfNull(extensions);
        ArgumentNullException.ThrowIfNull(changed);
        _extensions = extensions;
        _changed = changed;
        _quietPeriod = quietPeriod;
        _maxDelay = maxDelay < quietPeriod ? quietPeriod : maxDelay;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _timer = _time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(corpusDirectory));
        _watcher = WatchCorpus();
        _parentWatcher = WatchParent();
    }

    /// <summary>Raised for every change that counts, with its path, before the quiet period starts again (for tests).</summary>
    internal event Action<string>? Noticed;

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        FileSystemWatcher watcher;
        lock (_gate)
        {
            watcher = _watcher;
        }

        watcher.EnableRaisingEvents = false;
        watcher.Dispose();
        _parentWatcher?.Dispose();
        _timer.Dispose();
    }

    private FileSystemWatcher WatchCorpus()
    {
        var watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += OnEvent;
        watcher.Changed += OnEvent;
        watcher.Deleted += OnEvent;
        watcher.Renamed += OnRenamed;
        watcher.Error += OnError;
        try
        {
            watcher.EnableRaisingEvents = true;
        }
        catch
        {
            watcher.Dispose();
            throw;
        }

        return watcher;
    }

    /// <summary>
    /// A watch on the corpus folder ends when the folder is deleted (<c>rm -rf corpus</c>), and one created again under
    /// the same name is a new folder nobody watches: the parent is watched for the name coming back, to watch it again.
    /// Null when the parent can't be watched (then a re-created folder is only read at the next start).
    /// </summary>
    private FileSystemWatcher? WatchParent()
    {
        if (Path.GetDirectoryName(_root) is not { Length: > 0 } parent)
        {
            return null;
        }

        try
        {
            var watcher = new FileSystemWatcher(parent, Path.GetFileName(_root))
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.DirectoryName,
            };
            watcher.Created += (_, e) => OnCorpusFolderBack(e.FullPath);
            watcher.Renamed += (_, e) => OnCorpusFolderBack(e.FullPath);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not watch the folder above the corpus; if the corpus folder is deleted and created again, restart to pick it up.");
            return null;
        }
    }

    /// <summary>The corpus folder exists again: watch the new one, and read it all (files may be in it already).</summary>
    private void OnCorpusFolderBack(string path)
    {
        if (!string.Equals(Path.TrimEndingDirectorySeparator(path), _root, StringComparison.Ordinal) || !Directory.Exists(_root))
        {
            return;
        }

        FileSystemWatcher fresh;
        try
        {
            fresh = WatchCorpus();
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "The corpus folder {Folder} was created again but can't be watched; restart to follow its changes.", _root);
            return;
        }

        FileSystemWatcher old;
        lock (_gate)
        {
            if (_disposed)
            {
                fresh.Dispose();
                return;
            }

            old = _watcher;
            _watcher = fresh;
        }

        old.Dispose();
        _logger.LogInformation("The corpus folder {Folder} was created again; watching the new one.", _root);
        Touch(_root);
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        if (IsRelevant(e.FullPath))
        {
            Touch(e.FullPath);
        }
    }

    private void OnRenamed(object sender, RenamedEventArgs e)
    {
        if (IsRelevant(e.FullPath) || IsRelevant(e.OldFullPath))
        {
            Touch(e.FullPath);
        }
    }

    private void OnError(object sender, ErrorEventArgs e)
    {
        _logger.LogWarning(e.GetException(), "Watching the corpus folder lost events; re-reading the whole folder.");
        Touch(string.Empty);
    }

    /// <summary>
    /// A document of a readable format, or anything without an extension (a folder, which may hold documents, or was
    /// deleted with them); not editor backup files ("~lock"; "x.txt~" has no readable extension) nor anything in a
    /// hidden file or folder (".x.swp", an index kept in ".historybot/" inside the corpus), which the scan skips too.
    /// </summary>
    private bool IsRelevant(string path)
    {
        var name = Path.GetFileName(path);
        if (name.Length == 0 || name[0] == '~'
            || Path.GetRelativePath(_root, path).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
        {
            return false;
        }

        var extension = Path.GetExtension(name);
        return extension.Length == 0 || _extensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>(Re)starts the quiet period, but never past the burst's start plus the longest delay.</summary>
    private void Touch(string path)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetUtcNow();
            _lastEvent = now;
            _burstStart ??= now;
            var due = _maxDelay - (now - _burstStart.Value);
            _timer.Change(due < _quietPeriod ? (due < TimeSpan.Zero ? TimeSpan.Zero : due) : _quietPeriod, Timeout.InfiniteTimeSpan);
        }

        Noticed?.Invoke(path);
    }

    private void Fire()
    {
        DateTimeOffset lastEvent;
        lock (_gate)
        {
            if (_disposed || _burstStart is null)
            {
                return;
            }

            _burstStart = null;
            lastEvent = _lastEvent;
        }

        try
        {
            _changed(lastEvent);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Reacting to a change of the corpus folder failed.");
        }
    }
}
