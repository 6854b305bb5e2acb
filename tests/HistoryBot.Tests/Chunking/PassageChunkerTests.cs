using HistoryBot.Core.Chunking;
using HistoryBot.Core.Corpus;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Chunking;

public sealed class PassageChunkerTests
{
    private static IReadOnlyList<Passage> SeedPassages() =>
        new PassageChunker().Chunk(DocumentParser.Parse("lenin-and-trotsky.txt", TestData.SeedText));

    [Fact]
    public void Chunk_SeedArticle_OnePassagePerParagraphAndNoneForTrailingHeading()
    {
        var passages = SeedPassages();

        Assert.Equal(5, passages.Count);
        Assert.DoesNotContain(passages, p => p.Text.Contains("Related Articles", StringComparison.Ordinal));
    }

    [Fact]
    public void Chunk_SeedArticle_PassagesCarryTheirSection()
    {
        var passages = SeedPassages();

        Assert.Null(passages[0].Section);
        Assert.Equal("Trotsky Vs. Stalin", passages[^1].Section);
    }

    [Fact]
    public void Chunk_Sentences_HaveOffsetsIntoTheSourceFile()
    {
        var text = TestData.SeedText;

        foreach (var passage in SeedPassages())
        {
            Assert.Equal(passage.Text, text.Substring(passage.Start, passage.Text.Length));
            foreach (var sentence in passage.Sentences)
            {
                Assert.Equal(sentence.Text, text.Substring(sentence.Start, sentence.Length));
            }
        }
    }

    [Fact]
    public void Chunk_Ids_AreStableDocumentAndOrdinal()
    {
        var passages = SeedPassages();

        Assert.Equal("lenin-and-trotsky.txt#0", passages[0].Id);
        Assert.Equal(Enumerable.Range(0, passages.Count), passages.Select(p => p.Ordinal));
    }

    [Fact]
    public void Chunk_LongParagraph_SplitsAtSentenceBoundariesWithinLimit()
    {
        // Given a paragraph of 40 sentences of ~50 characters
        var paragraph = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"This is sentence number {i} of a long paragraph."));
        var document = DocumentParser.Parse("long.txt", "Long\n\n" + paragraph);

        // When
        var passages = new PassageChunker(new ChunkingOptions { MaxPassageChars = 400 }).Chunk(document);

        // Then
        Assert.True(passages.Count >= 5);
        Assert.All(passages, p => Assert.True(p.Text.Length <= 460, $"passage of {p.Text.Length} chars"));
        Assert.Equal(40, passages.Sum(p => p.Sentences.Count));
        Assert.All(passages, p => Assert.EndsWith("paragraph.", p.Text, StringComparison.Ordinal));
    }
}
