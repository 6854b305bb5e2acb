using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// Lucene 4.6's codec with smaller stored-field blocks. Loading a hit's text decompresses its block up to the hit,
/// so 4 KiB blocks instead of 16 KiB make that a quarter of the work. On the 100k-passage bench corpus: query p50
/// 0.585 -> 0.426 ms, index 76.7 -> 82.3 MB (2 KiB: 0.406 ms but 85.4 MB; 8 KiB: 0.487 ms, 79.3 MB).
/// The blocks are compressed with LZ4's high-compression mode (FAST_DECOMPRESSION): the same LZ4 blocks, read by the
/// same decompressor, found with a longer match search when indexing. Stored fields 58.1 -> 53.9 MB on that corpus
/// (Deflate, HIGH_COMPRESSION, gave 37.2 MB but decompresses a whole block per hit, and slower).
/// </summary>
[CodecName("HistoryBot46")]
internal sealed class HistoryBotCodec : FilterCodec
{
    private const int ChunkSize = 4096;

    private readonly StoredFieldsFormat _storedFields =
        new CompressingStoredFieldsFormat("HistoryBotStoredFields", CompressionMode.FAST_DECOMPRESSION, ChunkSize);

    public HistoryBotCodec()
        : base(new Lucene46Codec())
    {
    }

    public override StoredFieldsFormat StoredFieldsFormat => _storedFields;

    /// <summary>Lets Lucene find this codec by name when it opens an index.</summary>
    internal static void Register() =>
        Codec.SetCodecFactory(new DefaultCodecFactory { CustomCodecTypes = [typeof(HistoryBotCodec)] });
}
