namespace HistoryBot.Core.Corpus;

/// <summary>Finds the corpus files (every .txt and .md below a folder, recursively) in a stable order.</summary>
public static class CorpusScanner
{
    private static readonly string[] Extensions = [".txt", ".md"];

    public static IReadOnlyList<CorpusFile> Scan(string corpusDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(corpusDirectory);
        var root = Path.GetFullPath(corpusDirectory);
        if (!Directory.Exists(root))
        {
            throw new CorpusNotFoundException($"The corpus folder '{corpusDirectory}' does not exist.");
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        };
        var files = Directory.EnumerateFiles(root, "*", options)
            .Where(p => Extensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase))
            .Select(p =>
            {
                var info = new FileInfo(p);
                var id = Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/');
                return new CorpusFile(id, p, info.Length, info.LastWriteTimeUtc);
            })
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new CorpusNotFoundException(
                $"The corpus folder '{corpusDirectory}' has no .txt or .md files. Add documents to it, or point --corpus at another folder.");
        }

        return files;
    }
}
