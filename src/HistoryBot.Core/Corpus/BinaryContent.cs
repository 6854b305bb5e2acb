using System.Globalization;

namespace HistoryBot.Core.Corpus;

/// <summary>
/// Tells binary data from text before a text format's reader turns it into passages of garbage (random bytes named
/// .html were indexed, issue 21 audit 10b): text has no NUL bytes and hardly any control characters; random bytes have a
/// NUL every 256 bytes and a control character in about one byte of nine.
/// </summary>
public static class BinaryContent
{
    /// <summary>Bytes looked at: enough to tell, cheap for a large file.</summary>
    private const int Sample = 1 << 20;

    /// <summary>Share of control characters (other than tab, line and page breaks and escape) that text stays under.</summary>
    private const double MaxControlShare = 0.02;

    /// <summary>Why <paramref name="bytes"/> are not text (completes "Skipped FILE: ..."), or null when they are.</summary>
    /// <param name="bytes">The file; one starting with a UTF-16 byte-order mark is text to the readers that decode it.</param>
    public static string? Reason(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return null;
        }

        var sample = bytes[..Math.Min(bytes.Length, Sample)];
        if (sample.IndexOf((byte)0) >= 0)
        {
            return "it contains NUL bytes: it is binary (or UTF-16 without a byte-order mark), not text";
        }

        var controls = 0;
        foreach (var b in sample)
        {
            if (b is < 0x20 and not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or 0x0B or 0x1B) or 0x7F)
            {
                controls++;
            }
        }

        return sample.Length > 0 && controls > sample.Length * MaxControlShare
            ? string.Create(CultureInfo.InvariantCulture, $"it is binary, not text ({controls / (double)sample.Length:P0} of its bytes are control characters)")
            : null;
    }
}
