namespace HistoryBot.Core.Indexing;

/// <summary>One file of the corpus as the index knows it: what it gave, or why it was left out.</summary>
/// <param name="Id">The path relative to the corpus folder, with forward slashes.</param>
/// <param name="Title">The document's title (its file name when it has none).</param>
/// <param name="Scope">Whose upload it is (<see cref="DocumentScopes"/>); null for the shared corpus.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="SkipReason">Why the file could not be read (it then gave nothing); null when it was indexed.</param>
public sealed record IndexedDocument(
    string Id,
    string Title,
    string? Scope,
    long Bytes,
    int Sections,
    int Passages,
    int Sentences,
    string? SkipReason)
{
    public bool Indexed => SkipReason is null;
}
