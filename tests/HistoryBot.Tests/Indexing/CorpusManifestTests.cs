using HistoryBot.Core.Corpus;
using HistoryBot.Core.Indexing;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Indexing;

public sealed class CorpusManifestTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ManifestEntry Entry(string id, string hash = "AA", long ticks = 1, long length = 10) =>
        new(id, length, ticks, hash, null, 1, 0, 2, id.ToUpperInvariant());

    private CorpusFile File(string id, string text, DateTime time)
    {
        var path = _temp.Write(id, text);
        System.IO.File.SetLastWriteTimeUtc(path, time);
        var info = new FileInfo(path);
        return new CorpusFile(id, path, info.Length, info.LastWriteTimeUtc);
    }

    [Fact]
    public void Fingerprint_TimesOrOrderDiffer_Unchanged()
    {
        var a = new CorpusManifest("s", [Entry("a", ticks: 1), Entry("b", ticks: 2)]);
        var b = new CorpusManifest("s", [Entry("b", ticks: 99), Entry("a", ticks: 42)]);

        Assert.Equal(a.Fingerprint(), b.Fingerprint());
    }

    [Theory]
    [InlineData("other-settings", "a", "AA", 10)]
    [InlineData("s", "renamed", "AA", 10)]
    [InlineData("s", "a", "BB", 10)]
    [InlineData("s", "a", "AA", 11)]
    public void Fingerprint_SettingsIdsHashesOrLengthsDiffer_Changes(string settings, string id, string hash, long length)
    {
        var original = new CorpusManifest("s", [Entry("a")]);
        var changed = new CorpusManifest(settings, [Entry(id, hash, length: length)]);

        Assert.NotEqual(original.Fingerprint(), changed.Fingerprint());
    }

    [Fact]
    public void WriteTo_ThenTryRead_RoundTripsEveryField()
    {
        var manifest = new CorpusManifest("s", [Entry("a"), new ManifestEntry("b", 3, 4, "CC", "not text", 0, 0, 0, null)]);
        using var stream = new MemoryStream();

        manifest.WriteTo(stream);
        stream.Position = 0;
        var read = CorpusManifest.TryRead(stream);

        Assert.NotNull(read);
        Assert.Equal(manifest.Settings, read.Settings);
        Assert.Equal(manifest.Files, read.Files);
    }

    [Fact]
    public void WriteTo_ManyFiles_IsSmallerThanItsJson()
    {
        var manifest = new CorpusManifest("s", Enumerable.Range(0, 1000)
            .Select(i => Entry($"books/part-{i:D4}.txt", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))), 638_000_000_000_000_000 + i))
            .ToList());
        using var stream = new MemoryStream();

        manifest.WriteTo(stream);

        Assert.True(stream.Length * 3 < System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(manifest).Length, $"{stream.Length} bytes");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[1, 2]")]
    public void TryRead_Garbage_ReturnsNull(string content)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content));

        Assert.Null(CorpusManifest.TryRead(stream));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[1, 2]")]
    public void TryRead_GzippedGarbage_ReturnsNull(string content)
    {
        using var stream = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(content));
        }

        stream.Position = 0;

        Assert.Null(CorpusManifest.TryRead(stream));
    }

    [Fact]
    public void Refresh_SameSizeAndTime_ReusesTheEntryWithoutReadingTheFile()
    {
        var time = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var file = File("a.txt", "hello", time);
        var known = new ManifestEntry("a.txt", file.Length, time.Ticks, "NOT-THE-REAL-HASH", null, 1, 0, 1, "A");

        var refreshed = Assert.Single(CorpusManifest.Refresh([file], new CorpusManifest("s", [known])));

        Assert.Same(known, refreshed.Known);
        Assert.Equal("NOT-THE-REAL-HASH", refreshed.Sha256);
    }

    [Fact]
    public void Refresh_TouchedButSameContent_KeepsTheEntry()
    {
        var file = File("a.txt", "hello", new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var known = new ManifestEntry("a.txt", file.Length, 1, CorpusManifest.HashOf("hello"), null, 1, 0, 1, "A");

        var refreshed = Assert.Single(CorpusManifest.Refresh([file], new CorpusManifest("s", [known])));

        Assert.Same(known, refreshed.Known);
    }

    [Fact]
    public void Refresh_ChangedContent_HasNoKnownEntry()
    {
        var file = File("a.txt", "hello", new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var known = new ManifestEntry("a.txt", file.Length, 1, CorpusManifest.HashOf("world"), null, 1, 0, 1, "A");

        var refreshed = Assert.Single(CorpusManifest.Refresh([file], new CorpusManifest("s", [known])));

        Assert.Null(refreshed.Known);
        Assert.Equal(CorpusManifest.HashOf("hello"), refreshed.Sha256);
    }
}
