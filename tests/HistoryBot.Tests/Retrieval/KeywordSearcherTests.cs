using HistoryBot.Core.Retrieval;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Retrieval;

public sealed class KeywordSearcherTests(SeedEngineFixture fixture) : IClassFixture<SeedEngineFixture>
{
    [Theory]
    [InlineData("bolshev*")]
    [InlineData("\"Bolshevik\"")]
    [InlineData("trotksy~")]
    [InlineData("\"permanent revolution\"")]
    public void Search_Highlights_CoverWholeMatchedWords(string query)
    {
        var result = fixture.Engine.Search(query, 5);

        Assert.NotEmpty(result.Hits);
        foreach (var hit in result.Hits)
        {
            foreach (var span in hit.Snippet.Highlights)
            {
                var word = span.Slice(hit.Snippet.Text);
                Assert.True(char.IsLetter(word[0]) && char.IsLetter(word[^1]), $"highlight '{word}' in: {hit.Snippet.Text}");
            }
        }
    }

    [Fact]
    public void Search_SectionField_FindsPassagesUnderThatHeading()
    {
        var result = fixture.Engine.Search("section:unions", 5);

        Assert.All(result.Hits, h => Assert.Equal("Unions Among the Soviets", h.Passage.Section));
        Assert.Single(result.Hits);
    }

    [Fact]
    public void Search_NotOperator_ExcludesPassages()
    {
        var all = fixture.Engine.Search("trotsky", 10).Hits.Count;
        var without = fixture.Engine.Search("trotsky NOT stalin", 10).Hits.Count;

        Assert.Equal(all - 1, without);
    }

    [Fact]
    public void Search_Malformed_ThrowsQuerySyntaxWithOneLine()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => fixture.Engine.Search("(lenin AND", 5));

        Assert.DoesNotContain('\n', error.Message);
    }
}
