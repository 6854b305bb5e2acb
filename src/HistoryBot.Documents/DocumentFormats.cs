using HistoryBot.Core.Corpus;

namespace HistoryBot.Documents;

/// <summary>The readers of this project, for <see cref="DocumentReaders.With"/>.</summary>
public static class DocumentFormats
{
    /// <summary>.txt and .md (from Core) plus HTML, PDF, DOCX and EPUB, with the default <see cref="DocumentLimits"/>.</summary>
    public static DocumentReaders All { get; } = For(new DocumentLimits());

    /// <summary>Every format, the zip-based and web ones held to <paramref name="limits"/>.</summary>
    public static DocumentReaders For(DocumentLimits limits) => DocumentReaders.Default.With(
        new HtmlDocumentReader(limits), new PdfDocumentReader(), new DocxDocumentReader(limits), new EpubDocumentReader(limits));
}
