namespace HistoryBot.Core.Corpus;

/// <summary>Plain text (.txt): strict UTF-8, blocks separated by blank lines, short lone lines as headings.</summary>
internal sealed class PlainTextReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    public string Version => "text-2";

    public DocumentReadResult Read(string id, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = TextFileDecoder.TryDecode(content, out var reason);
        if (text is null)
        {
            return DocumentReadResult.Unreadable(reason!);
        }

        var document = DocumentParser.Parse(id, text);
        return document.Blocks.Any(b => b.Kind == BlockKind.Paragraph)
            ? DocumentReadResult.Read(document)
            : DocumentReadResult.Unreadable("it has no text");
    }
}
