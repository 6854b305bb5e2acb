using System.Globalization;
using System.IO.Compression;
using HistoryBot.Core.Corpus;

namespace HistoryBot.Documents.Zip;

/// <summary>
/// Inflates every entry of a zip-based document once, counting the bytes as they come out, and stops at the first limit
/// of <see cref="DocumentLimits"/> it passes: a zip bomb costs at most a limit's worth of inflating and no memory, before
/// any parser sees it. The sizes the zip declares are not trusted (a bomb can lie about them). No package offers this for
/// System.IO.Compression or the Open XML SDK, which inflate whatever they are given.
/// </summary>
internal static class ZipGuard
{
    private const long Megabyte = 1 << 20;

    /// <summary>Entries smaller than this are not held to the compression ratio (tiny XML parts compress very well).</summary>
    private const long RatioFloorBytes = Megabyte;

    /// <summary>Why <paramref name="content"/> is too large to read ("it ..."), or null when it is within the limits or is not a zip.</summary>
    public static string? Check(byte[] content, DocumentLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            return null; // Not a zip: the reader says so in its own words.
        }

        using (zip)
        {
            var buffer = new byte[81920];
            var maxEntry = limits.MaxEntryMegabytes * Megabyte;
            var maxTotal = limits.MaxInflatedMegabytes * Megabyte;
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var compressed = Math.Clamp(entry.CompressedLength, 1, content.LongLength);
                long inflated = 0;
                try
                {
                    using var stream = entry.Open();
                    int read;
                    while ((read = stream.Read(buffer)) > 0)
                    {
                        inflated += read;
                        total += read;
                        if (inflated > maxEntry)
                        {
                            return Reason($"{entry.FullName} inflates to more than {limits.MaxEntryMegabytes:N0} MB", "MaxEntryMegabytes");
                        }

                        if (total > maxTotal)
                        {
                            return Reason($"its parts inflate to more than {limits.MaxInflatedMegabytes:N0} MB in all", "MaxInflatedMegabytes");
                        }

                        if (inflated > RatioFloorBytes && inflated / compressed > limits.MaxCompressionRatio)
                        {
                            return Reason(
                                $"{entry.FullName} inflates to more than {limits.MaxCompressionRatio:N0} times its compressed size, as a zip bomb does",
                                "MaxCompressionRatio");
                        }
                    }
                }
                catch (InvalidDataException)
                {
                    return null; // A corrupt entry: the reader reports the corrupt zip.
                }
            }
        }

        return null;
    }

    private static string Reason(FormattableString what, string key) =>
        string.Create(CultureInfo.InvariantCulture, $"it is too large to read safely: {what.ToString(CultureInfo.InvariantCulture)} (Index:Limits:{key})");
}
