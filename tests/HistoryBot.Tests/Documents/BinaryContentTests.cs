using System.Text;
using HistoryBot.Core.Corpus;
using HistoryBot.Documents;

namespace HistoryBot.Tests.Documents;

/// <summary>Random bytes named .html were indexed as passages of garbage (issue 21, audit 10b).</summary>
public sealed class BinaryContentTests
{
    private static byte[] RandomBytes(bool withoutNul = false)
    {
        var bytes = new byte[64 * 1024];
        new Random(21).NextBytes(bytes);
        if (withoutNul)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = bytes[i] == 0 ? (byte)1 : bytes[i];
            }
        }

        return bytes;
    }

    [Theory]
    [InlineData("noise.html", false)]
    [InlineData("noise.html", true)]
    [InlineData("noise.htm", true)]
    [InlineData("noise.txt", false)]
    [InlineData("noise.txt", true)]
    [InlineData("noise.md", true)]
    public void Read_RandomBytes_AreSkippedAsBinary(string name, bool withoutNul)
    {
        var result = DocumentFormats.All.Read(name, RandomBytes(withoutNul), CancellationToken.None);

        Assert.Null(result.Document);
        Assert.Contains("binary", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextWithAFewControlCharactersOrALegacyEncoding_IsStillRead()
    {
        var page = "<html><head><meta charset=\"windows-1252\"></head><body><p>Robespierre fell in Thermidor \x1b\f.</p><p>Caf\u00e9 society.</p></body></html>";
        var latin1 = Encoding.Latin1.GetBytes(page);
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(page)).ToArray();
        var text = Encoding.UTF8.GetBytes("Thermidor\n\nRobespierre fell in Thermidor.\f\nThe Directory followed.\n");

        Assert.Contains("Café society.", DocumentFormats.All.Read("latin1.html", latin1, CancellationToken.None).Document!.Text, StringComparison.Ordinal);
        Assert.Contains("Café society.", DocumentFormats.All.Read("utf16.html", utf16, CancellationToken.None).Document!.Text, StringComparison.Ordinal);
        Assert.NotNull(DocumentFormats.All.Read("notes.txt", text, CancellationToken.None).Document);
    }

    [Fact]
    public void Reason_TextAndBinary_AreToldApart()
    {
        Assert.Null(BinaryContent.Reason(Encoding.UTF8.GetBytes("Plain text,\twith tabs\r\nand lines.")));
        Assert.Null(BinaryContent.Reason([]));
        Assert.NotNull(BinaryContent.Reason(RandomBytes(withoutNul: true)));
    }
}
