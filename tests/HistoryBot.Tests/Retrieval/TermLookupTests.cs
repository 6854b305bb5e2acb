using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace HistoryBot.Tests.Retrieval;

/// <summary>Term lookups through kept enumerators give Lucene's own figures, over every segment.</summary>
public sealed class TermLookupTests : IDisposable
{
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;

    public TermLookupTests()
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(HistoryBotAnalyzer.Lucene, HistoryBotAnalyzer.ForIndexing())))
        {
            // Three commits: three segments, each with its own terms dictionary.
            foreach (var batch in new[] { new[] { "Lenin died in 1924", "Lenin led the revolution" }, ["Trotsky was assassinated"], ["Lenin and Trotsky", "Stalin"] })
            {
                foreach (var text in batch)
                {
                    writer.AddDocument([new TextField(IndexFields.Text, text, Field.Store.NO), new TextField(IndexFields.Title, "Lenin", Field.Store.NO)]);
                }

                writer.Commit();
            }
        }

        _reader = DirectoryReader.Open(_directory);
    }

    [Theory]
    [InlineData(IndexFields.Text, "lenin")]
    [InlineData(IndexFields.Text, "trotski")]
    [InlineData(IndexFields.Text, "stalin")]
    [InlineData(IndexFields.Text, "absent")]
    [InlineData(IndexFields.Title, "lenin")]
    [InlineData(IndexFields.Section, "lenin")]
    public void DocFreq_IsLucenesDocFreqSummedOverSegments(string field, string term)
    {
        using var lookup = new TermLookup(_reader);

        Assert.True(_reader.Leaves.Count > 1);
        Assert.Equal(_reader.DocFreq(new Term(field, term)), lookup.DocFreq(field, term));
        Assert.Equal(_reader.DocFreq(new Term(field, term)), lookup.DocFreq(field, term));
    }

    [Fact]
    public void Context_OfAnIndexedTerm_ScoresAsLuceneBuildsIt()
    {
        using var lookup = new TermLookup(_reader);
        var searcher = new IndexSearcher(_reader) { Similarity = new Lucene.Net.Search.Similarities.BM25Similarity() };
        var term = new Term(IndexFields.Text, "lenin");

        var expected = searcher.Search(new TermQuery(term), 10).ScoreDocs;
        var actual = searcher.Search(new TermQuery(term, lookup.Context(IndexFields.Text, "lenin")!), 10).ScoreDocs;

        Assert.Equal(3, expected.Length);
        Assert.Equal(expected.Select(d => (d.Doc, d.Score)), actual.Select(d => (d.Doc, d.Score)));
    }

    [Fact]
    public void Context_OfATermNoDocumentHas_IsNull()
    {
        using var lookup = new TermLookup(_reader);

        Assert.Null(lookup.Context(IndexFields.Text, "napoleon"));
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
