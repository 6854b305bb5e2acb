namespace HistoryBot.Tests.Support;

/// <summary>A corpus folder and an index folder under the temp directory, removed afterwards.</summary>
public sealed class TempCorpus : IDisposable
{
    public TempCorpus()
    {
        Root = Path.Combine(Path.GetTempPath(), "historybot-test-" + Guid.NewGuid().ToString("N"));
        CorpusDirectory = Path.Combine(Root, "corpus");
        IndexDirectory = Path.Combine(Root, "index");
        Directory.CreateDirectory(CorpusDirectory);
    }

    public string Root { get; }

    public string CorpusDirectory { get; }

    public string IndexDirectory { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(CorpusDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
