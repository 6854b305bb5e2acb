namespace HistoryBot.Core.Corpus;

/// <summary>Reads the files of one or more formats into a <see cref="CorpusDocument"/>.</summary>
public interface IDocumentReader
{
    /// <summary>The file extensions this reader takes, with the dot (".pdf"), compared case-insensitively.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// Changes whenever the reader's output for the same file changes, so that indexes built with an older reader are
    /// rebuilt.
    /// </summary>
    string Version { get; }

    /// <summary>Reads one file; a file that cannot be read gives <see cref="DocumentReadResult.Unreadable"/>, not an exception.</summary>
    /// <param name="id">The file's corpus id (its relative path), used for the fallback title.</param>
    /// <param name="content">The whole file.</param>
    DocumentReadResult Read(string id, byte[] content, CancellationToken cancellationToken);
}

/// <summary>A document, or the reason why a file was left out of the corpus.</summary>
public sealed record DocumentReadResult(CorpusDocument? Document, string? SkipReason)
{
    /// <summary>
    /// For a document read with a caveat, what the operator should know (completes "FILE: ...", e.g. "elements nested
    /// deeper than 256 levels were flattened"); logged once as a warning when the file is indexed.
    /// </summary>
    public string? Note { get; init; }

    public static DocumentReadResult Read(CorpusDocument document) => new(document, null);

    /// <param name="reason">Completes "Skipped FILE: ...", e.g. "it is encrypted".</param>
    public static DocumentReadResult Unreadable(string reason) => new(null, reason);
}
