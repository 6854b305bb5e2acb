using HistoryBot.Core.Corpus;

namespace HistoryBot.Tests.Corpus;

public sealed class DocumentReadersTests
{
    private sealed class ThrowingReader(string message = "broken table") : IDocumentReader
    {
        public IReadOnlyList<string> Extensions { get; } = [".bad"];

        public string Version => "bad-1";

        public DocumentReadResult Read(string id, byte[] content, CancellationToken cancellationToken) =>
            throw new FormatException(message);
    }

    [Fact]
    public void Read_EmptyFile_IsUnreadableAsEmpty()
    {
        var result = DocumentReaders.Default.Read("empty.txt", [], CancellationToken.None);

        Assert.Equal("it is empty", result.SkipReason);
    }

    [Fact]
    public void Read_ReaderThrows_GivesASkipReasonInsteadOfAnException()
    {
        var readers = DocumentReaders.Default.With(new ThrowingReader());

        var result = readers.Read("x.bad", [1, 2, 3], CancellationToken.None);

        Assert.Null(result.Document);
        Assert.Contains("broken table", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReaderThrowsAPageLongMessage_SkipReasonIsOneShortLine()
    {
        var message = string.Join("\r\n", Enumerable.Range(0, 200).Select(i => $"line {i}\tof the parser's dump"));
        var readers = DocumentReaders.Default.With(new ThrowingReader(message));

        var reason = readers.Read("x.bad", [1, 2, 3], CancellationToken.None).SkipReason!;

        Assert.Equal(DocumentReadResult.MaxReasonLength, reason.Length);
        Assert.StartsWith("it could not be read (FormatException: line 0 of the parser's dump line 1 of", reason, StringComparison.Ordinal);
        Assert.EndsWith("…", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(reason, char.IsControl);
    }

    [Fact]
    public void With_AddedReader_AddsItsExtensionAndVersion()
    {
        var readers = DocumentReaders.Default.With(new ThrowingReader());

        Assert.Equal([".bad", ".markdown", ".md", ".txt"], readers.Extensions);
        Assert.Contains("bad-1", readers.Version, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-1", DocumentReaders.Default.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextWithOnlyATitle_IsUnreadable()
    {
        var result = DocumentReaders.Default.Read("t.txt", "Just A Title\n"u8.ToArray(), CancellationToken.None);

        Assert.Equal("it has no text", result.SkipReason);
    }
}
