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
    private readonly FileSystemWatcher _watcher;
    private readonly string _root;
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
        _root = Path.GetFullPath(corpusDirectory);
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += OnEvent;
        _watcher.Changed += OnEvent;
        _watcher.Deleted += OnEvent;
        _watcher.Renamed += OnRenamed;
        _watcher.Error += OnError;
        try
        {
            _watcher.EnableRaisingEvents = true;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Raised for every change that counts, with its path, before the quiet period starts again (for tests).</summary>
    internal event Action<string>? Noticed;

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
        _timer.Dispose();
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
