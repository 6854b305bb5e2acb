using HistoryBot.Core.Indexing;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace HistoryBot.Tests.Indexing;

public sealed class KeywordFieldTests
{
    [Fact]
    public void Index_SharedTokenStream_EachFieldOfEachDocumentKeepsItsOwnValue()
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
        {
            for (var i = 0; i < 3; i++)
            {
                writer.AddDocument(new Document
                {
                    new KeywordField("id", $"doc {i}#0", Field.Store.YES),
                    new KeywordField("group", i % 2 == 0 ? "even" : "odd", Field.Store.NO),
                });
            }
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        for (var i = 0; i < 3; i++)
        {
            var hit = Assert.Single(searcher.Search(new TermQuery(new Term("id", $"doc {i}#0")), 10).ScoreDocs);
            Assert.Equal($"doc {i}#0", searcher.Doc(hit.Doc).Get("id"));
        }

        Assert.Equal(2, searcher.Search(new TermQuery(new Term("group", "even")), 10).TotalHits);
        Assert.Equal(1, searcher.Search(new TermQuery(new Term("group", "odd")), 10).TotalHits);
        Assert.Null(searcher.Doc(0).Get("group"));
    }
}
