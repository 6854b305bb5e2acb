using HistoryBot.Core;
using HistoryBot.Core.Indexing;

namespace HistoryBot.Tests.Support;

/// <summary>One engine over the seed article, built once per test class in a temporary index folder.</summary>
public sealed class SeedEngineFixture : IDisposable
{
    private readonly TempDirectory _folder = new();

    public SeedEngineFixture()
    {
        Engine = TestEngines.Open(new IndexOptions
        {
            CorpusDirectory = TestData.SeedCorpus,
            IndexDirectory = _folder.Combine("index"),
        });
    }

    public HistoryBotEngine Engine { get; }

    public void Dispose()
    {
        Engine.Dispose();
        _folder.Dispose();
    }
}
