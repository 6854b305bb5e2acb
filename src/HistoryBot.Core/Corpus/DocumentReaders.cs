namespace HistoryBot.Core.Corpus;

/// <summary>
/// The readers the corpus is read with, by file extension. <see cref="Default"/> reads .txt and .md; the app adds the
/// readers of HistoryBot.Documents (HTML, PDF, DOCX, EPUB) with <see cref="With"/>.
/// </summary>
public sealed class DocumentReaders
{
    private readonly Dictionary<string, IDocumentReader> _byExtension;

    private DocumentReaders(IEnumerable<IDocumentReader> readers)
    {
        _byExtension = new Dictionary<string, IDocumentReader>(StringComparer.OrdinalIgnoreCase);
        foreach (var reader in readers)
        {
            foreach (var extension in reader.Extensions)
            {
                _byExtension[extension] = reader;
            }
        }

        Extensions = _byExtension.Keys.Order(StringComparer.Ordinal).ToList();
        Version = string.Join(',', _byExtension.Values.Distinct().Select(r => r.Version).Order(StringComparer.Ordinal));
    }

    /// <summary>Plain text and Markdown.</summary>
    public static DocumentReaders Default { get; } = new([new PlainTextReader(), new MarkdownReader()]);

    /// <summary>The extensions read, with the dot, sorted.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The readers' versions: part of the index settings, so a changed reader rebuilds the index.</summary>
    public string Version { get; }

    /// <summary>These readers plus <paramref name="readers"/> (which win for an extension both read).</summary>
    public DocumentReaders With(params IEnumerable<IDocumentReader> readers) => new(_byExtension.Values.Distinct().Concat(readers));

    public bool CanRead(string path) => _byExtension.ContainsKey(Path.GetExtension(path));

    /// <summary>
    /// Reads a file with the reader for its extension. A reader's unexpected exception is turned into a skip reason:
    /// one bad file must not stop the rest of the corpus from being indexed.
    /// </summary>
    public DocumentReadResult Read(string id, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(content);
        if (!_byExtension.TryGetValue(Path.GetExtension(id), out var reader))
        {
            return DocumentReadResult.Unreadable($"no reader for '{Path.GetExtension(id)}' files");
        }

        if (content.Length == 0)
        {
            return DocumentReadResult.Unreadable("it is empty");
        }

        try
        {
            return reader.Read(id, content, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return DocumentReadResult.Unreadable($"it could not be read ({e.GetType().Name}: {e.Message})");
        }
    }
}
