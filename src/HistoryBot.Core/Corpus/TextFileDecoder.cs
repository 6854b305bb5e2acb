using System.Text;

namespace HistoryBot.Core.Corpus;

/// <summary>Decodes corpus files as strict UTF-8 (with or without BOM); anything else is "not text".</summary>
internal static class TextFileDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns the text, or null with a reason when the bytes are not UTF-8 text.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes, out string? reason)
    {
        reason = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            reason = "it contains NUL bytes (binary, or UTF-16): save it as UTF-8 text";
            return null;
        }

        if (BinaryContent.Reason(bytes) is { } binary)
        {
            reason = binary;
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            reason = "it is not valid UTF-8: save it as UTF-8 text";
            return null;
        }
    }
}
