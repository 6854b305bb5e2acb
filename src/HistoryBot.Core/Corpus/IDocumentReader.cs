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

    /// <summary>At most this many characters of a skip reason are kept (a library's exception message can be a page long).</summary>
    public const int MaxReasonLength = 300;

    /// <param name="reason">
    /// Completes "Skipped FILE: ...", e.g. "it is encrypted". Kept on one line (line breaks and other control characters
    /// become spaces) and cut to <see cref="MaxReasonLength"/> characters, as it may quote a library's exception message
    /// and is shown in the console, the log and Discord replies.
    /// </param>
    public static DocumentReadResult Unreadable(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var line = string.Join(' ', reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => string.Concat(word.Select(c => char.IsControl(c) ? ' ' : c))));
        return new(null, line.Length <= MaxReasonLength ? line : string.Concat(line.AsSpan(0, MaxReasonLength - 1), "…"));
    }
}
