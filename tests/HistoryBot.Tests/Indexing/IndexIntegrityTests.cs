using HistoryBot.Core.Indexing;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Indexing;

/// <summary>Corrupt index files (issue 13): found by their checksums, and the index rebuilt with one warning.</summary>
public sealed class IndexIntegrityTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ListLogger _logger = new();

    public IndexIntegrityTests()
    {
        _temp.Write("corpus/a.txt", "Alpha\n\nThe first file talks about rivers. Rivers flow into the sea.\n");
        _temp.Write("corpus/b.txt", "Beta\n\nMountains are tall. Some mountains are volcanoes.\n");
    }

    public void Dispose() => _temp.Dispose();

    private IndexOptions Options(bool verify = false) => new()
    {
        CorpusDirectory = _temp.Combine("corpus"),
        IndexDirectory = _temp.Combine("index"),
        VerifyIntegrity = verify,
    };

    private void BuildThenFlipStoredFields()
    {
        using (PassageIndex.Open(Options()))
        {
        }

        var fdt = Assert.Single(Directory.GetFiles(_temp.Combine("index"), "*.fdt"));
        var bytes = File.ReadAllBytes(fdt);
        for (var i = bytes.Length / 2; i < (bytes.Length / 2) + 8; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(fdt, bytes);
    }

    private static string TopText(PassageIndex index, string query) =>
        Assert.Single(index.TopPassages(index.ParseTextQuery(query), 1)).Text;

    [Fact]
    public void Open_VerifyOnASoundIndex_ReusesItAsVerified()
    {
        using (PassageIndex.Open(Options()))
        {
        }

        using var index = PassageIndex.Open(Options(verify: true), _logger);

        Assert.Equal((IndexBuildKind.Reused, IndexIntegrity.Verified), (index.Report.Kind, index.Report.Integrity));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Open_VerifyAfterBytesFlippedInStoredFields_RebuildsWithOneWarningAndAnswersCorrectly()
    {
        BuildThenFlipStoredFields();

        using var index = PassageIndex.Open(Options(verify: true), _logger);

        Assert.Equal((IndexBuildKind.Rebuilt, IndexIntegrity.Repaired), (index.Report.Kind, index.Report.Integrity));
        Assert.Single(_logger.Warnings);
        Assert.Equal("Mountains are tall. Some mountains are volcanoes.", TopText(index, "volcanoes"));
    }

    [Fact]
    public void Open_AfterABuildThatDidNotFinish_ChecksAndRepairsWithoutBeingAsked()
    {
        BuildThenFlipStoredFields();
        File.WriteAllBytes(_temp.Combine("index", IndexState.UnfinishedFile), []);

        using var index = PassageIndex.Open(Options(), _logger);

        Assert.Equal(IndexIntegrity.Repaired, index.Report.Integrity);
        Assert.Equal("The first file talks about rivers. Rivers flow into the sea.", TopText(index, "sea"));
        Assert.False(File.Exists(_temp.Combine("index", IndexState.UnfinishedFile)));
    }

    [Fact]
    public void Open_BytesFlippedAfterACleanBuild_RepairsWithOneWarningNamingTheFile()
    {
        using (PassageIndex.Open(Options()))
        {
        }

        var file = IndexFiles.Scramble(_temp.Combine("index"));

        using var index = PassageIndex.Open(Options(), _logger);

        Assert.Equal(IndexIntegrity.Repaired, index.Report.Integrity);
        Assert.Contains(file, Assert.Single(_logger.Warnings), StringComparison.Ordinal);
        Assert.Equal("Mountains are tall. Some mountains are volcanoes.", TopText(index, "volcanoes"));
    }

    [Fact]
    public void Open_AfterACleanBuild_DoesNotCheck()
    {
        using (PassageIndex.Open(Options()))
        {
        }

        using var index = PassageIndex.Open(Options());

        Assert.Equal(IndexIntegrity.NotChecked, index.Report.Integrity);
        Assert.False(File.Exists(_temp.Combine("index", IndexState.UnfinishedFile)));
    }
}
