namespace HistoryBot.Core.Chunking;

/// <summary>A sentence of a passage, with its character offsets into the source file's text.</summary>
public sealed record PassageSentence(string Text, int Start, int Length);

/// <summary>The unit that is indexed and retrieved: a paragraph, or part of a long one.</summary>
/// <param name="Id">Stable id: "{document id}#{ordinal}".</param>
/// <param name="Section">The heading the passage stands under, or null before the first heading.</param>
/// <param name="Ordinal">Position of the passage within its document, from 0.</param>
/// <param name="Start">Offset of the passage's first character in the document's text.</param>
/// <param name="Page">The page the passage starts on (from 1) in formats with pages (PDF); null elsewhere.</param>
public sealed record Passage(
    string Id,
    string DocumentId,
    string Title,
    string? Section,
    int Ordinal,
    int Start,
    string Text,
    IReadOnlyList<PassageSentence> Sentences,
    int? Page = null);
