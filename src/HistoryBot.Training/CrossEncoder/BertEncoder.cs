using System.Numerics.Tensors;

namespace HistoryBot.Training.CrossEncoder;

/// <summary>
/// A BERT encoder (embeddings and <see cref="BertLayer"/>s) with weights read from the ONNX export of the shipped model,
/// so that its top layers can be fine-tuned here and its forward pass checked against ONNX Runtime's.
/// </summary>
internal sealed class BertEncoder
{
    private BertEncoder(float[] words, float[] positions, float[] types, float[] norm, float[] normBias, BertLayer[] layers)
    {
        Words = words;
        Positions = positions;
        Types = types;
        Norm = norm;
        NormBias = normBias;
        Layers = layers;
    }

    public int Hidden => Layers[0].Hidden;

    public float[] Words { get; }

    public float[] Positions { get; }

    public float[] Types { get; }

    public float[] Norm { get; }

    public float[] NormBias { get; }

    public IReadOnlyList<BertLayer> Layers { get; }

    public static BertEncoder Load(OnnxWeights weights, int heads)
    {
        var (words, dims) = weights.Tensor("embeddings.word_embeddings.weight");
        var hidden = dims[1];
        var layers = new List<BertLayer>();
        for (var n = 0; weights.Names.Contains($"encoder.layer.{n}.attention.self.query.bias"); n++)
        {
            var prefix = $"encoder.layer.{n}.";
            var node = $"/encoder/layer.{n}/";
            var upBias = weights.Tensor(prefix + "intermediate.dense.bias").Values;
            var layer = new BertLayer(hidden, heads, upBias.Length);
            float[][] values =
            [
                weights.MatMulWeight(node + "attention/self/query/MatMul_output_0"), weights.Tensor(prefix + "attention.self.query.bias").Values,
                weights.MatMulWeight(node + "attention/self/key/MatMul_output_0"), weights.Tensor(prefix + "attention.self.key.bias").Values,
                weights.MatMulWeight(node + "attention/self/value/MatMul_output_0"), weights.Tensor(prefix + "attention.self.value.bias").Values,
                weights.MatMulWeight(node + "attention/output/dense/MatMul_output_0"), weights.Tensor(prefix + "attention.output.dense.bias").Values,
                weights.Tensor(prefix + "attention.output.LayerNorm.weight").Values, weights.Tensor(prefix + "attention.output.LayerNorm.bias").Values,
                weights.MatMulWeight(node + "intermediate/dense/MatMul_output_0"), upBias,
                weights.MatMulWeight(node + "output/dense/MatMul_output_0"), weights.Tensor(prefix + "output.dense.bias").Values,
                weights.Tensor(prefix + "output.LayerNorm.weight").Values, weights.Tensor(prefix + "output.LayerNorm.bias").Values,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i].Length != layer.Parameters[i].Length)
                {
                    throw new InvalidDataException($"layer {n} parameter {i}: {values[i].Length} values, expected {layer.Parameters[i].Length}");
                }

                values[i].CopyTo(layer.Parameters[i], 0);
            }

            layers.Add(layer);
        }

        return new BertEncoder(
            words,
            weights.Tensor("embeddings.position_embeddings.weight").Values,
            weights.Tensor("embeddings.token_type_embeddings.weight").Values,
            weights.Tensor("embeddings.LayerNorm.weight").Values,
            weights.Tensor("embeddings.LayerNorm.bias").Values,
            [.. layers]);
    }

    /// <summary>The same encoder with only its first <paramref name="depth"/> layers (a cheaper model to tune on top of).</summary>
    public BertEncoder Truncated(int depth) => new(Words, Positions, Types, Norm, NormBias, [.. Layers.Take(depth)]);

    /// <summary>The embedding layer's output for one text: word, position and segment embeddings summed and normalised.</summary>
    public float[] Embed(IReadOnlyList<int> ids, IReadOnlyList<int> segments)
    {
        var h = Hidden;
        var sum = new float[ids.Count * h];
        for (var t = 0; t < ids.Count; t++)
        {
            var target = sum.AsSpan(t * h, h);
            Words.AsSpan(ids[t] * h, h).CopyTo(target);
            TensorPrimitives.Add(target, Positions.AsSpan(t * h, h), target);
            TensorPrimitives.Add(target, Types.AsSpan(segments[t] * h, h), target);
        }

        var result = new float[sum.Length];
        LayerNorm.Forward(sum, Norm, NormBias, new float[sum.Length], new float[ids.Count], result, ids.Count, h);
        return result;
    }

    /// <summary>Runs layers [<paramref name="from"/>, <paramref name="to"/>) over <paramref name="hidden"/> (forward only).</summary>
    public float[] Run(float[] hidden, int tokens, int from, int to)
    {
        for (var n = from; n < to; n++)
        {
            hidden = Layers[n].Forward(hidden, tokens).Result;
        }

        return hidden;
    }
}
