namespace HistoryBot.Core.Indexing;

/// <summary>
/// An index file is damaged and the index can't be rebuilt where it is (a read-only folder, a full disk). The message is
/// one line for a person: the file, the folder, why, and what to run.
/// </summary>
public sealed class IndexDamagedException(string indexPath, string file, Exception inner) : IOException(
    $"the index file {file} in {indexPath} is damaged and could not be rebuilt there ({IndexDamage.Describe(inner)}); make the folder writable and run `historybot index --verify`, or point --index at a writable folder.",
    inner)
{
    public string IndexPath { get; } = indexPath;

    public string File { get; } = file;
}
