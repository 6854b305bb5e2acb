namespace HistoryBot.Core.Indexing;

/// <summary>The index folder can't be written (a read-only file system, no permission, a full disk).</summary>
public sealed class IndexFolderNotWritableException(string indexPath, Exception inner) : IOException(
    $"the index folder {indexPath} can't be written ({inner.Message}); make it writable, or point --index at a writable folder.",
    inner)
{
    public string IndexPath { get; } = indexPath;
}
