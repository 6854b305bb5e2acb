using System.Numerics.Tensors;
using HistoryBot.Embeddings;

namespace HistoryBot.Tests.Semantic;

public sealed class TokenVectorsTests(EmbedderFixture fixture) : IClassFixture<EmbedderFixture>
{
    [Fact]
    public void EmbedTokens_Sentence_JoinsWordPiecesIntoWordsWithUnitVectors()
    {
        var result = fixture.Arctic.EmbedTokens(["Trotsky was assassinated in Mexico."]);

        var words = Assert.Single(result);
        Assert.Equal(["trotsky", "was", "assassinated", "in", "mexico", "."], words.Words);
        Assert.Equal(words.Words.Count, words.Vectors.Count);
        Assert.All(words.Vectors, v =>
        {
            Assert.Equal(fixture.Arctic.Dimensions, v.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(v), 3);
        });
    }

    [Fact]
    public void EmbedTokens_QuestionWord_AlignsBetterWithTheSameWordThanWithAnUnrelatedOne()
    {
        var result = fixture.Arctic.EmbedTokens(["Where was Trotsky killed?", "Trotsky was murdered in Mexico in 1940.", "Preheat the oven before baking the bread."]);

        var trotsky = Vector(result[0], "trotsky");
        var killed = Vector(result[0], "killed");

        Assert.True(Cosine(trotsky, result[1], "trotsky") > Cosine(trotsky, result[2], "oven") + 0.2f);
        Assert.True(Cosine(killed, result[1], "murdered") > Cosine(killed, result[2], "baking"));
    }

    [Fact]
    public void EmbedTokens_TextsOfDifferentLengthsInOneCall_GiveTheVectorsEachGetsAlone()
    {
        // One call pads every text to the longest: the attention mask must keep the padding out of the shorter ones.
        string[] texts = ["When did Lenin die?", "Lenin died in January 1924 after a series of strokes that had left him unable to speak."];

        var together = fixture.Arctic.EmbedTokens(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = fixture.Arctic.EmbedTokens([texts[i]])[0];
            Assert.Equal(alone.Words, together[i].Words);
            Assert.All(alone.Vectors.Zip(together[i].Vectors), x => Assert.True(TensorPrimitives.Dot(x.First, x.Second) > 0.999f));
        }
    }

    [Fact]
    public void EmbedTokens_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => fixture.Arctic.EmbedTokens(["a"], cts.Token));
    }

    [Fact]
    public void HasTokenVectors_ArcticXs_IsTrue()
    {
        Assert.True(fixture.Arctic.HasTokenVectors);
    }

    private static float[] Vector(TokenVectors text, string word) => text.Vectors[text.Words.ToList().IndexOf(word)];

    private static float Cosine(float[] vector, TokenVectors text, string word) => TensorPrimitives.Dot(vector, Vector(text, word));
}
