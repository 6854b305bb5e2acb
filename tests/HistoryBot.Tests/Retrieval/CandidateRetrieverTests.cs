using HistoryBot.Core;
using HistoryBot.Core.Chunking;
using HistoryBot.Core.Retrieval;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Retrieval;

public sealed class CandidateRetrieverTests
{
    private static readonly QuestionAnalysis Question = InMemoryPassages.Question("Who succeeded Lenin?");

    [Fact]
    public void Retrieve_Lexical_KeepsTheBestKeywordPassagesWithoutSimilarities()
    {
        var lexical = new FakeLexical(Enumerable.Range(0, 15).Select(i => Passage($"doc#{i}")).ToArray());
        var retriever = new CandidateRetriever(lexical, null, new RetrievalOptions { CandidatePassages = 20 });

        var candidates = retriever.Retrieve(Question, CancellationToken.None);

        Assert.Equal(CandidateRetriever.LexicalPassagesScored, candidates.Count);
        Assert.Equal("doc#0", candidates[0].Passage.Id);
        Assert.All(candidates, c => Assert.Null(c.Similarities));
        Assert.False(retriever.IsHybrid);
    }

    [Fact]
    public void Retrieve_Hybrid_AddsPassagesOnlyTheSemanticSearchFoundOnceAfterTheKeywordOnes()
    {
        var lexical = new FakeLexical(Passage("doc#0"), Passage("doc#1"), Passage("doc#2"));
        var vectors = new FakeVectors(["doc#1", "doc#2", "doc#2", "doc#9"]);
        var retriever = new CandidateRetriever(lexical, vectors, new RetrievalOptions { SemanticCandidates = 4 });

        var candidates = retriever.Retrieve(Question, CancellationToken.None);

        Assert.Equal(["doc#0", "doc#1", "doc#2", "doc#9"], candidates.Select(c => c.Passage.Id).ToArray());
        Assert.Equal(0, candidates[3].LexicalScore);
        Assert.Equal(Question.Question, vectors.Embedded);
        Assert.True(retriever.IsHybrid);
    }

    [Fact]
    public void Retrieve_Hybrid_GivesEverySentenceItsSimilarity()
    {
        var retriever = new CandidateRetriever(
            new FakeLexical(Passage("doc#0")), new FakeVectors([]), new RetrievalOptions());

        var candidate = Assert.Single(retriever.Retrieve(Question, CancellationToken.None));

        // The fake's similarity is 0.1 × (sentence index + 1); it has no vector for a third sentence.
        Assert.Equal(new float?[] { 0.1f, 0.2f, null }, candidate.Similarities!);
    }

    [Fact]
    public void Retrieve_ScopedHybrid_LeavesOutOtherScopesUploadsAndStillFillsItsShare()
    {
        // Given a sentence search whose best hits are another server's upload
        var lexical = new FakeLexical(Passage("doc#0"));
        var vectors = new FakeVectors(["uploads/222/b.md#0", "uploads/222/b.md#1", "uploads/111/a.md#0", "doc#3", "uploads/222/b.md#2", "doc#4"]);
        var retriever = new CandidateRetriever(lexical, vectors, new RetrievalOptions { SemanticCandidates = 2 });

        // When server 111 asks
        var candidates = retriever.Retrieve(Question, AnswerScope.Of("111"), CancellationToken.None);

        // Then its own upload and the shared passages fill the two semantic places; server 222's never appear
        Assert.Equal(["doc#0", "uploads/111/a.md#0", "doc#3"], candidates.Select(c => c.Passage.Id).ToArray());
    }

    [Fact]
    public void Retrieve_Everything_KeepsEveryUpload()
    {
        var vectors = new FakeVectors(["uploads/222/b.md#0", "uploads/111/a.md#0"]);
        var retriever = new CandidateRetriever(new FakeLexical(), vectors, new RetrievalOptions { SemanticCandidates = 2 });

        var candidates = retriever.Retrieve(Question, AnswerScope.Everything, CancellationToken.None);

        Assert.Equal(["uploads/222/b.md#0", "uploads/111/a.md#0"], candidates.Select(c => c.Passage.Id).ToArray());
    }

    private static Passage Passage(string id) =>
        InMemoryPassages.Passage(id, "Title", null, "Lenin died in 1924.", "Stalin succeeded him.", "Trotsky was exiled.");

    private sealed class FakeLexical(params Passage[] passages) : ILexicalRetriever
    {
        public IReadOnlyList<RetrievedPassage> Retrieve(QuestionAnalysis question, int limit, AnswerScope? scope = null) =>
            passages.Take(limit).Select((p, i) => new RetrievedPassage(p, 10.0 - i)).ToList();

        public IReadOnlyList<RetrievedPassage> Fetch(IEnumerable<string> passageIds) =>
            passageIds.Select(id => new RetrievedPassage(Passage(id), 0)).ToList();
    }

    private sealed class FakeVectors(string[] topPassages) : ISentenceVectors
    {
        public string? Embedded { get; private set; }

        public float[] EmbedQuery(string question, CancellationToken cancellationToken)
        {
            Embedded = question;
            return [1f];
        }

        public IEnumerable<string> PassagesOfTopSentences(float[] query, int k) => topPassages.Take(k);

        public float? SentenceSimilarity(float[] query, string passageId, int sentenceIndex) =>
            sentenceIndex < 2 ? 0.1f * (sentenceIndex + 1) : null;
    }
}
