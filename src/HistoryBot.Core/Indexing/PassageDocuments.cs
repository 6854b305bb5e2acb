using System.Globalization;
using HistoryBot.Core.Chunking;
using HistoryBot.Core.Text;
using Lucene.Net.Documents;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// Maps a passage to the Lucene document it is indexed as, and back. Only the id, title, section, text, start
/// offset and page (when there is one) are stored: the document id, ordinal and sentence offsets are derived from them
/// on read, which keeps the stored fields (read for every hit) small.
/// </summary>
internal static class PassageDocuments
{
    public static Document ToDocument(Passage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        var document = new Document
        {
            new KeywordField(IndexFields.Id, passage.Id, Field.Store.YES),
            new KeywordField(IndexFields.Document, passage.DocumentId, Field.Store.NO),
            new KeywordField(IndexFields.Scope, DocumentScopes.Of(passage.DocumentId) ?? IndexFields.SharedScope, Field.Store.NO),
            new TextField(IndexFields.Title, passage.Title, Field.Store.YES),
            new TextField(IndexFields.Text, passage.Text, Field.Store.YES),
            new StoredField(IndexFields.Start, passage.Start),
        };
        if (passage.Section is not null)
        {
            document.Add(new TextField(IndexFields.Section, passage.Section, Field.Store.YES));
        }

        if (passage.Page is { } page)
        {
            document.Add(new StoredField(IndexFields.Page, page));
        }

        return document;
    }

    /// <summary>Reads a passage back from its stored fields.</summary>
    public static Passage ToPassage(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Get(IndexFields.Text) ?? string.Empty;
        var start = document.GetField(IndexFields.Start)?.GetInt32Value() ?? 0;

        // Splitting the passage text again gives the same sentences as chunking did (a boundary depends only on the
        // text up to the next word, and a passage ends at a sentence end).
        var spans = SentenceSplitter.Split(text);
        var sentences = new List<PassageSentence>(spans.Count);
        foreach (var span in spans)
        {
            sentences.Add(new PassageSentence(span.Slice(text), start + span.Start, span.Length));
        }

        // The passage id is "{document id}#{ordinal}" (PassageChunker).
        var id = document.Get(IndexFields.Id) ?? string.Empty;
        var hash = id.LastIndexOf('#');
        var documentId = hash < 0 ? id : id[..hash];
        var ordinal = hash >= 0 && int.TryParse(id.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var section = document.Get(IndexFields.Section);
        var page = document.GetField(IndexFields.Page)?.GetInt32Value();
        return new Passage(
            id,
            documentId,
            document.Get(IndexFields.Title) ?? string.Empty,
            string.IsNullOrEmpty(section) ? null : section,
            ordinal,
            start,
            text,
            sentences,
            page);
    }
}
