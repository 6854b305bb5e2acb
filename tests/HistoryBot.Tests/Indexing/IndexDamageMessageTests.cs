using HistoryBot.Core.Indexing;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Indexing;

/// <summary>
/// The warning about a damaged index file (issue 21, audit 10c): printed once, naming the file, and with nothing of the
/// damaged bytes or Lucene's resource descriptions in it.
/// </summary>
public sealed class IndexDamageMessageTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ListLogger _logger = new();

    public IndexDamageMessageTests()
    {
        _temp.Write("corpus/a.txt", "Alpha\n\nThe first file talks about rivers. Rivers flow into the sea.\n");
    }

    public void Dispose() => _temp.Dispose();

    private IndexOptions Options(bool verify = false) => new()
    {
        CorpusDirectory = _temp.Combine("corpus"),
        IndexDirectory = _temp.Combine("index"),
        VerifyIntegrity = verify,
    };

    /// <summary>Builds the index, flips the byte at <paramref name="fromEnd"/> bytes before the end (or at <paramref name="fromStart"/>) of the one file matching <paramref name="pattern"/>.</summary>
    private string BuildThenFlip(string pattern, int fromStart = -1, int fromEnd = -1)
    {
        using (PassageIndex.Open(Options()))
        {
        }

        var file = Assert.Single(Directory.GetFiles(_temp.Combine("index"), pattern));
        var bytes = File.ReadAllBytes(file);
        bytes[fromStart >= 0 ? fromStart : bytes.Length - fromEnd] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
        return Path.GetFileName(file);
    }

    private string OnlyWarningAfterVerify()
    {
        using var index = PassageIndex.Open(Options(verify: true), _logger);
        Assert.Equal(IndexIntegrity.Repaired, index.Report.Integrity);
        return Assert.Single(_logger.Warnings);
    }

    [Theory]
    [InlineData("*.fdt")] // a byte of the codec name in the header: Lucene's message quotes it and the file's path
    [InlineData("*.si")]
    [InlineData("*.fnm")]
    public void Verify_HeaderFlipped_WarnsOnceNamingTheFileWithoutRawBytesOrResourceDescriptions(string pattern)
    {
        var file = BuildThenFlip(pattern, fromStart: 20);

        var warning = OnlyWarningAfterVerify();

        Assert.Contains($"The index file {file} in", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("resource", warning, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("IndexInput", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("…", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(warning, c => char.IsControl(c) || c == '\uFFFD');
    }

    [Fact]
    public void Verify_SegmentsFooterFlipped_NamesTheSegmentsFile()
    {
        var file = BuildThenFlip("segments_*", fromEnd: 10);

        var warning = OnlyWarningAfterVerify();

        Assert.Contains($"The index file {file} in", warning, StringComparison.Ordinal);
    }
}
