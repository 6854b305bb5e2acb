using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Retrieval;

/// <summary>A document under uploads/&lt;scope&gt;/ answers only in its scope; the rest of the corpus answers everywhere.</summary>
public sealed class AnswerScopeTests(AnswerScopeTests.ScopedCorpus corpus) : IClassFixture<AnswerScopeTests.ScopedCorpus>
{
    private const string ChessQuestion = "Where does the Riverside chess club meet?";

    private readonly HistoryBotEngine _engine = corpus.Engine;

    /// <summary>One shared document and one upload in each of the scopes 111 and 222, indexed once for the class.</summary>
    public sealed class ScopedCorpus : IDisposable
    {
        private readonly TempCorpus _corpus = new();

        public ScopedCorpus()
        {
            _corpus.Write("lenin.md", "# Lenin\n\nLenin died in January 1924 after a series of strokes.\n");
            _corpus.Write("uploads/111/club.md", "# Chess club\n\nThe Riverside chess club meets every Thursday in the old library on Mill Street.\n");
            _corpus.Write("uploads/222/garden.md", "# Garden\n\nThe community garden grows pumpkins beside the railway station.\n");
            Engine = TestEngines.Open(new IndexOptions { CorpusDirectory = _corpus.CorpusDirectory, IndexDirectory = _corpus.IndexDirectory });
        }

        public HistoryBotEngine Engine { get; }

        public void Dispose()
        {
            Engine.Dispose();
            _corpus.Dispose();
        }
    }

    [Fact]
    public void Ask_InTheUploadsOwnScope_QuotesTheUpload()
    {
        var answer = _engine.Ask(ChessQuestion, AnswerScope.Of("111"));

        Assert.True(answer.Answered);
        Assert.Equal("uploads/111/club.md", answer.Quote!.DocumentId);
    }

    [Fact]
    public void Ask_InAnotherScope_NeverQuotesSuggestsOrShowsTheUpload()
    {
        var answer = _engine.Ask(ChessQuestion, AnswerScope.Of("222"));

        Assert.NotEqual("uploads/111/club.md", answer.Quote?.DocumentId);
        Assert.DoesNotContain(answer.Passages, p => p.Passage.DocumentId.StartsWith("uploads/111/", StringComparison.Ordinal));
        Assert.DoesNotContain(answer.Suggestions, s => s.Contains("Chess", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Ask_SharedOnly_SeesNoUploadButTheSharedCorpus()
    {
        Assert.DoesNotContain(
            _engine.Ask(ChessQuestion, AnswerScope.SharedOnly).Passages, p => p.Passage.DocumentId.StartsWith("uploads/", StringComparison.Ordinal));
        Assert.Equal("lenin.md", _engine.Ask("When did Lenin die?", AnswerScope.SharedOnly).Quote?.DocumentId);
    }

    [Fact]
    public void Ask_Everything_SeesEveryScopesUploads()
    {
        Assert.Equal("uploads/111/club.md", _engine.Ask(ChessQuestion).Quote?.DocumentId);
        Assert.Equal("uploads/222/garden.md", _engine.Ask("What does the community garden grow?", AnswerScope.Everything).Quote?.DocumentId);
    }

    [Fact]
    public void Search_InAnotherScope_FindsNothingOfTheUpload()
    {
        var mine = _engine.Search("chess", 10, AnswerScope.Of("111"));
        var theirs = _engine.Search("chess", 10, AnswerScope.Of("222"));

        Assert.Equal("uploads/111/club.md", Assert.Single(mine.Hits).Passage.DocumentId);
        Assert.Empty(theirs.Hits);
        Assert.Equal(0, theirs.TotalHits);
    }

    [Fact]
    public void Documents_NameEachFilesScopeAndWhatItGave()
    {
        var club = Assert.Single(_engine.Documents, d => d.Id == "uploads/111/club.md");
        Assert.Equal("111", club.Scope);
        Assert.Equal("Chess club", club.Title);
        Assert.Equal(1, club.Passages);
        Assert.Null(Assert.Single(_engine.Documents, d => d.Id == "lenin.md").Scope);
    }

    [Theory]
    [InlineData("uploads/111/club.md", "111")]
    [InlineData("uploads/111/deeper/club.md#3", "111")]
    [InlineData("uploads/club.md", null)]
    [InlineData("notes/uploads/111/club.md", null)]
    [InlineData("uploadsx/111/club.md", null)]
    public void DocumentScopes_Of_ReadsTheScopeFromThePath(string documentId, string? scope) =>
        Assert.Equal(scope, DocumentScopes.Of(documentId));

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("1 2")]
    public void AnswerScope_Of_RefusesANameThatIsNoFolderName(string name) =>
        Assert.Throws<ArgumentException>(() => AnswerScope.Of(name));
}
