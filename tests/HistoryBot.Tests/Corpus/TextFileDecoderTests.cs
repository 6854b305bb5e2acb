using System.Text;
using HistoryBot.Core.Corpus;

namespace HistoryBot.Tests.Corpus;

public sealed class TextFileDecoderTests
{
    [Fact]
    public void TryDecode_Utf8WithBom_StripsTheBom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Ленин")];

        var text = TextFileDecoder.TryDecode(bytes, out var reason);

        Assert.Equal("Ленин", text);
        Assert.Null(reason);
    }

    [Fact]
    public void TryDecode_NulBytes_IsNotText()
    {
        var text = TextFileDecoder.TryDecode(Encoding.Unicode.GetBytes("UTF-16 text"), out var reason);

        Assert.Null(text);
        Assert.Contains("NUL", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_InvalidUtf8_IsNotText()
    {
        var text = TextFileDecoder.TryDecode([0x48, 0xC3, 0x28, 0x69], out var reason);

        Assert.Null(text);
        Assert.Contains("UTF-8", reason, StringComparison.Ordinal);
    }
}
