using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;

namespace HistoryBot.Core.Indexing;

/// <summary>
/// Lucene 4.6's codec with smaller stored-field blocks. Loading a hit's text decompresses its block up to the hit,
/// so blocks smaller than Lucene's 16 KiB cut that work. On the 100k-passage bench corpus (older schema): query p50
/// 0.585 ms at 16 KiB, 0.487 ms at 8 KiB, 0.426 ms at 4 KiB, 0.406 ms at 2 KiB, for stored fields of 52.6, 55.2, 58.1
/// and about 61 MB. 8 KiB keeps the index within 1.1x of Lucene Java's (76.1 vs 69.8 MB) with query p50 still under
/// Lucene Java's (0.89x-0.98x over three compare.sh runs; README, "Side by side"). LZ4's high-compression mode
/// (FAST_DECOMPRESSION: same blocks and decompressor) made 4 KiB blocks 53.9 MB but spent a tenth of the indexing CPU
/// in its match search; Deflate (HIGH_COMPRESSION) made them 37.2 MB but inflates a hit's whole block on every read.
/// </summary>
[CodecName("HistoryBot46")]
internal sealed class HistoryBotCodec : FilterCodec
{
    private const int ChunkSize = 8192;

    private readonly StoredFieldsFormat _storedFields =
        new CompressingStoredFieldsFormat("HistoryBotStoredFields", CompressionMode.FAST, ChunkSize);

    public HistoryBotCodec()
        : base(new Lucene46Codec())
    {
    }

    public override StoredFieldsFormat StoredFieldsFormat => _storedFields;

    /// <summary>Lets Lucene find this codec by name when it opens an index.</summary>
    internal static void Register() =>
        Codec.SetCodecFactory(new DefaultCodecFactory { CustomCodecTypes = [typeof(HistoryBotCodec)] });
}
