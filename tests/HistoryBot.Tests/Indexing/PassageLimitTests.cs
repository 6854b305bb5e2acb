using HistoryBot.Core.Corpus;
using HistoryBot.Core.Indexing;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Indexing;

/// <summary>Issue 21, audit 1: one document with an absurd number of passages is skipped, not indexed as junk.</summary>
public sealed class PassageLimitTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ListLogger _logger = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Open_DocumentOverThePassageLimit_IsSkippedWithOneWarningAndTheRestIndexed()
    {
        _temp.Write("corpus/river.txt", "River\n\nThe river floods every spring.\n");
        _temp.Write("corpus/junk.txt", "Junk\n\n" + string.Join("\n\n", Enumerable.Range(0, 50).Select(i => $"Junk paragraph {i}.")) + "\n");
        var options = new IndexOptions
        {
            CorpusDirectory = _temp.Combine("corpus"),
            IndexDirectory = _temp.Combine("index"),
            Limits = new DocumentLimits { MaxPassagesPerDocument = 20 },
        };

        using var index = PassageIndex.Open(options, _logger);

        Assert.Equal(1, index.Stats.Documents);
        var skipped = Assert.Single(index.Report.Skipped);
        Assert.Equal("junk.txt", skipped.Id);
        Assert.Contains("Index:Limits:MaxPassagesPerDocument", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("junk.txt", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }
}
