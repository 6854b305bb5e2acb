using HistoryBot.Core.Indexing;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace HistoryBot.Tests.Indexing;

public sealed class PassageSearcherTests : IDisposable
{
    private static readonly string[] Words = ["tsar", "duma", "strike", "army", "peace", "land", "bread", "soviet", "war", "party", "exile", "press"];

    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;

    public PassageSearcherTests()
    {
        // Three segments of 3,000 documents: more than one 2,048-document scoring window each, with deletions.
        var random = new Random(7);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
        {
            MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
        };
        using (var writer = new IndexWriter(_directory, config))
        {
            for (var d = 0; d < 9000; d++)
            {
                var text = string.Join(' ', Enumerable.Range(0, random.Next(3, 30)).Select(_ => Words[(int)Math.Pow(random.NextDouble(), 2) * Words.Length]));
                writer.AddDocument(new Document { new StringField("id", d.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.YES), new TextField("text", text, Field.Store.NO) });
                if (d % 3000 == 2999)
                {
                    writer.Commit();
                }
            }

            for (var d = 0; d < 9000; d += 37)
            {
                writer.DeleteDocuments(new Term("id", d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        _reader = DirectoryReader.Open(_directory);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Index_HasSeveralSegments()
    {
        Assert.Equal(3, _reader.Leaves.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Search_RandomDisjunctions_SameHitsAndScoresAsLucenesSearcher(bool coordDisabled)
    {
        var random = new Random(11);
        foreach (var similarity in new Similarity[] { new BM25Similarity(), new DefaultSimilarity() })
        {
            var lucene = new IndexSearcher(_reader) { Similarity = similarity };
            var pooled = new PassageSearcher(_reader) { Similarity = similarity };
            for (var q = 0; q < 60; q++)
            {
                var query = RandomQuery(random, coordDisabled);

                var expected = lucene.Search(query, 20);
                var actual = pooled.Search(query, 20);

                Assert.Equal(expected.TotalHits, actual.TotalHits);
                Assert.Equal(expected.ScoreDocs.Select(s => (s.Doc, s.Score)), actual.ScoreDocs.Select(s => (s.Doc, s.Score)));
            }
        }
    }

    private static BooleanQuery RandomQuery(Random random, bool coordDisabled)
    {
        var query = new BooleanQuery(coordDisabled);
        var clauses = random.Next(2, 7);
        for (var c = 0; c < clauses; c++)
        {
            Query clause = random.Next(4) switch
            {
                0 => new PhraseQuery { new Term("text", Words[random.Next(Words.Length)]), new Term("text", Words[random.Next(Words.Length)]) },
                1 => new BooleanQuery
                {
                    { new TermQuery(new Term("text", Words[random.Next(Words.Length)])), Occur.SHOULD },
                    { new TermQuery(new Term("text", Words[random.Next(Words.Length)])), Occur.SHOULD },
                },
                _ => new TermQuery(new Term("text", Words[random.Next(Words.Length)])),
            };
            clause.Boost = 0.5f + (float)random.NextDouble();
            query.Add(clause, random.Next(6) == 0 ? Occur.MUST_NOT : Occur.SHOULD);
        }

        if (random.Next(5) == 0)
        {
            query.Add(new TermQuery(new Term("text", "nowhere")), Occur.SHOULD);
        }

        return query;
    }
}
