using System.Numerics.Tensors;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HistoryBot.Embeddings;

/// <summary>
/// The encoder's output for one text word by word: each word's vector is the mean of its word pieces' vectors in the
/// model's last hidden state (before pooling), scaled to unit length, so the dot product of two is their cosine.
/// </summary>
/// <param name="Words">The words as the model's tokenizer split them, lower case for an uncased model (punctuation marks
/// are words of their own; an unknown character is "[UNK]").</param>
/// <param name="Vectors">One unit vector per word.</param>
public sealed record TokenVectors(IReadOnlyList<string> Words, IReadOnlyList<float[]> Vectors);

/// <summary>
/// Runs a BERT-style ONNX encoder and keeps its per-token output (<c>last_hidden_state</c>), which the package's own
/// encoder pools to one vector and discards. The package exposes its tokenizer and model bytes but not its session, so
/// this holds a session of its own over the same model.
/// </summary>
internal sealed class TokenEncoder(byte[] model, TokenizerBase tokenizer, SessionOptions options) : IDisposable
{
    private readonly InferenceSession _session = new(model, options);

    /// <summary>Encodes <paramref name="texts"/> in one call (padded to the longest).</summary>
    public TokenVectors[] Encode(string[] texts, CancellationToken cancellationToken)
    {
        if (texts.Length == 0)
        {
            return [];
        }

        var encoded = tokenizer.Encode(texts);
        var length = encoded[0].InputIds.Length;
        var dimensions = new[] { texts.Length, length };
        long[] Flat(Func<(long[] InputIds, long[] TokenTypeIds, long[] AttentionMask), long[]> part) => encoded.SelectMany(part).ToArray();
        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(Flat(e => e.InputIds), dimensions)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(Flat(e => e.AttentionMask), dimensions)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(Flat(e => e.TokenTypeIds), dimensions)),
        };
        using var run = new RunOptions();
        using var registration = cancellationToken.Register(() => run.Terminate = true);
        using var output = _session.Run(inputs, ["last_hidden_state"], run);
        cancellationToken.ThrowIfCancellationRequested();
        var hidden = (DenseTensor<float>)output[0].Value;
        var width = hidden.Dimensions[2];
        var buffer = hidden.Buffer.Span;
        var result = new TokenVectors[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            result[i] = Words(encoded[i].InputIds, encoded[i].AttentionMask, buffer.Slice(i * length * width, length * width), width);
        }

        return result;
    }

    public void Dispose()
    {
        _session.Dispose();
        options.Dispose();
    }

    /// <summary>Joins word pieces ("##" continues the word before) and averages their vectors; special tokens are left out.</summary>
    private TokenVectors Words(long[] ids, long[] mask, ReadOnlySpan<float> hidden, int width)
    {
        var words = new List<string>();
        var vectors = new List<float[]>();
        var pieces = 0;
        for (var p = 0; p < ids.Length; p++)
        {
            var token = tokenizer.IdToToken((int)ids[p]);
            if (mask[p] == 0 || token is "[CLS]" or "[SEP]" or "[PAD]")
            {
                continue;
            }

            var vector = hidden.Slice(p * width, width);
            if (token.StartsWith("##", StringComparison.Ordinal) && words.Count > 0)
            {
                words[^1] += token[2..];
                TensorPrimitives.Add(vectors[^1], vector, vectors[^1]);
                pieces++;
                continue;
            }

            Finish(vectors, pieces);
            words.Add(token);
            vectors.Add(vector.ToArray());
            pieces = 1;
        }

        Finish(vectors, pieces);
        return new TokenVectors(words, vectors);
    }

    /// <summary>Scales the last word's summed vector to unit length (the mean's direction: the count cancels out).</summary>
    private static void Finish(List<float[]> vectors, int pieces)
    {
        if (vectors.Count == 0 || pieces == 0)
        {
            return;
        }

        var last = vectors[^1];
        var norm = TensorPrimitives.Norm(last);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(last, norm, last);
        }
    }
}
