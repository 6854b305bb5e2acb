namespace HistoryBot.Core.Corpus;

/// <summary>One file of the corpus, read as text and split into blocks.</summary>
/// <param name="Id">The path relative to the corpus folder, with forward slashes: stable across machines.</param>
/// <param name="Title">The document's own title (a Markdown "# " heading, a first-line heading, an article's headline,
/// a PDF's or e-book's title), else a name made from the file name.</param>
/// <param name="Text">The text that is quoted: the decoded file (BOM removed) for text files, the extracted text for
/// other formats. Every offset in <see cref="Blocks"/> points into it.</param>
public sealed record CorpusDocument(string Id, string Title, string Text, IReadOnlyList<TextBlock> Blocks);

public enum BlockKind
{
    Title,
    Heading,
    Paragraph,
}

/// <summary>A run of non-blank lines: the title, a section heading, or a paragraph.</summary>
/// <param name="Page">The page the block starts on, from 1, for formats that have pages (PDF); else null.</param>
public sealed record TextBlock(BlockKind Kind, int Start, int Length, string Text, int? Page = null);

/// <summary>A file of the corpus as found on disk, before it is read.</summary>
/// <param name="Readable">False when the file is there but this process may not read it (mode 000, say): an index
/// keeps what it read from it before.</param>
public sealed record CorpusFile(string Id, string FullPath, long Length, DateTime LastWriteTimeUtc, bool Readable = true);

/// <summary>A file that was left out of the corpus, and why.</summary>
public sealed record SkippedFile(string Id, string Reason);
