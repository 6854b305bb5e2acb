namespace HistoryBot.Core.Corpus;

/// <summary>One text file of the corpus, decoded and split into blocks.</summary>
/// <param name="Id">The path relative to the corpus folder, with forward slashes: stable across machines.</param>
/// <param name="Title">A Markdown "# " heading, else a first-line heading, else a name made from the file name.</param>
/// <param name="Text">The decoded text (BOM removed). Every offset in <see cref="Blocks"/> points into it.</param>
public sealed record CorpusDocument(string Id, string Title, string Text, IReadOnlyList<TextBlock> Blocks);

public enum BlockKind
{
    Title,
    Heading,
    Paragraph,
}

/// <summary>A run of non-blank lines: the title, a section heading, or a paragraph.</summary>
public sealed record TextBlock(BlockKind Kind, int Start, int Length, string Text);

/// <summary>A file of the corpus as found on disk, before it is read.</summary>
public sealed record CorpusFile(string Id, string FullPath, long Length, DateTime LastWriteTimeUtc);

/// <summary>A file that was left out of the corpus, and why.</summary>
public sealed record SkippedFile(string Id, string Reason);
