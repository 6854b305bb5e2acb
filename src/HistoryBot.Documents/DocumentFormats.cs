using HistoryBot.Core.Corpus;

namespace HistoryBot.Documents;

/// <summary>The readers of this project, for <see cref="DocumentReaders.With"/>.</summary>
public static class DocumentFormats
{
    /// <summary>.txt and .md (from Core) plus HTML, PDF, DOCX and EPUB.</summary>
    public static DocumentReaders All { get; } = DocumentReaders.Default.With(
        new HtmlDocumentReader(), new PdfDocumentReader(), new DocxDocumentReader(), new EpubDocumentReader());
}
