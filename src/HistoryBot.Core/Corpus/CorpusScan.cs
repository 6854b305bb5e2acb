namespace HistoryBot.Core.Corpus;

/// <summary>What a scan of the corpus folder found.</summary>
/// <param name="Files">The files, readable or not, in id order.</param>
/// <param name="UnreadableFolders">Id prefixes ("notes/"; "" for the corpus folder itself) of folders that are there but
/// could not be listed: the files indexed from them before are not gone.</param>
internal sealed record CorpusScan(IReadOnlyList<CorpusFile> Files, IReadOnlyList<string> UnreadableFolders)
{
    /// <summary>Whether a file indexed before under this id may still be there, hidden in a folder that can't be read.</summary>
    public bool Hides(string id) => UnreadableFolders.Any(prefix => id.StartsWith(prefix, StringComparison.Ordinal));
}
