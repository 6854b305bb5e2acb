using HistoryBot.Core.Chunking;
using HistoryBot.Core.Corpus;
using HistoryBot.Core.Indexing;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Indexing;

public sealed class StoredPassageTests
{
    // Abbreviations, initials, decimals, quotes and "etc." around sentence ends: the stored text must re-split as chunked.
    private const string Tricky = "Dr. J. R. Smith met Gen. Lee at 3.14 p.m. on Jan. 5 in the U.S.S.R. capital. " +
        "\"Why?\" she asked. He left! Grain, iron, etc. Then the army (and its guns.) moved on... Nobody knew why. " +
        "It was 1917 A.D. and the war went on etc. and on.";

    [Theory]
    [InlineData(0)]
    [InlineData(120)]
    public void ToPassage_OfStoredDocument_ReSplitsTheSameSentencesAsChunking(int maxPassageChars)
    {
        var chunker = maxPassageChars == 0 ? new PassageChunker() : new PassageChunker(new ChunkingOptions { MaxPassageChars = maxPassageChars });
        var text = TestData.SeedText + "\n\n" + Tricky + " " + Tricky + "\n";
        var passages = chunker.Chunk(DocumentParser.Parse("lenin-and-trotsky.txt", text));

        Assert.Contains(passages, p => p.Sentences.Count > 1);
        foreach (var passage in passages)
        {
            var read = PassageDocuments.ToPassage(PassageDocuments.ToDocument(passage));

            Assert.Equal(passage with { Sentences = [] }, read with { Sentences = [] });
            Assert.Equal(passage.Sentences, read.Sentences);
        }
    }
}
