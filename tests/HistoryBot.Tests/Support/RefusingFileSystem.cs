using HistoryBot.Core.Corpus;

namespace HistoryBot.Tests.Support;

/// <summary>
/// The disk, except for the paths it is told to refuse: those are there but can't be read, as a mode-000 file or folder
/// is for an ordinary user. Tests may run as root, which reads mode-000 files anyway, so chmod alone can't show it.
/// </summary>
internal sealed class RefusingFileSystem : CorpusFileSystem
{
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);

    public void Refuse(string path)
    {
        lock (_refused)
        {
            _refused.Add(Path.GetFullPath(path));
        }
    }

    public void Allow(string path)
    {
        lock (_refused)
        {
            _refused.Remove(Path.GetFullPath(path));
        }
    }

    public override FileSystemInfo[] List(string folder) => Refused(folder) ? throw Denied(folder) : base.List(folder);

    public override bool CanRead(string path) => !Refused(path) && base.CanRead(path);

    public override byte[] ReadAllBytes(string path) => Refused(path) ? throw Denied(path) : base.ReadAllBytes(path);

    public override Stream OpenRead(string path) => Refused(path) ? throw Denied(path) : base.OpenRead(path);

    private bool Refused(string path)
    {
        lock (_refused)
        {
            return _refused.Contains(Path.GetFullPath(path));
        }
    }

    private static UnauthorizedAccessException Denied(string path) => new($"Access to the path '{path}' is denied.");
}
