using HistoryBot.Core.Indexing;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Indexing;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WriteAllText_ExistingFile_ReplacesItAndLeavesNoTemporaryFile()
    {
        var path = _temp.Write("m.json", "old");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["m.json"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_WriterFails_KeepsTheOldFileAndRemovesTheTemporaryOne()
    {
        var path = _temp.Write("m.json", "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half"u8);
            throw new InvalidOperationException("stopped mid-write");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["m.json"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }
}
