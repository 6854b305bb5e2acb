using System.Text;
using System.Text.RegularExpressions;
using HistoryBot.Core.Retrieval;

namespace HistoryBot.Core.Indexing;

/// <summary>What a read of a damaged index file looks like, and how to name the file and the problem in one clean line.</summary>
internal static partial class IndexDamage
{
    private const int MaxProblemChars = 160;

    private const string UnnamedFile = "an index file";

    /// <summary>
    /// Whether <paramref name="e"/> may come from reading a damaged index file: Lucene's CorruptIndexException and "read
    /// past EOF" are IOExceptions, and a flipped length or offset in stored fields surfaces as an out-of-range argument or
    /// index. Only a candidate: the index's checksums decide (a bug elsewhere throws these too).
    /// </summary>
    public static bool MayBeDamage(Exception e) =>
        e is IOException or IndexOutOfRangeException or ArgumentException or InvalidOperationException or NullReferenceException
            or OverflowException or FormatException or InvalidCastException
        && e is not ObjectDisposedException and not QuerySyntaxException;

    /// <summary>The index file a Lucene exception names (its resource "path"), else a generic description.</summary>
    public static string FileOf(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (ResourcePath().Match(current.Message) is { Success: true } match)
            {
                return Clean(Path.GetFileName(match.Groups[1].Value));
            }

            if (FileName().Match(current.Message) is { Success: true } name)
            {
                return name.Value;
            }
        }

        return UnnamedFile;
    }

    /// <summary>The problem in a few words: the exception's message without the resource it names, printable, short.</summary>
    public static string Describe(Exception e)
    {
        var message = InputDescription().Replace(Resource().Replace(e.Message, string.Empty), string.Empty).Trim();
        message = Clean(message);
        if (message.Length > MaxProblemChars)
        {
            message = message[..MaxProblemChars] + "…";
        }

        return message.Length == 0 ? e.GetType().Name : $"{e.GetType().Name}: {message}";
    }

    /// <summary>Control characters and undecodable bytes (a damaged file's name or codec string) as '?'.</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c) ? '?' : c);
        }

        return builder.ToString();
    }

    [GeneratedRegex("path=\"([^\"]*)\"")]
    private static partial Regex ResourcePath();

    [GeneratedRegex(@"\b(?:_[a-z0-9]+(?:_[A-Za-z0-9]+)*\.[a-z]{2,4}|segments_[a-z0-9]+|segments\.gen)\b")]
    private static partial Regex FileName();

    /// <summary>
    /// A failure that names no file, seen while opening the commit (a flipped byte in segments_N's footer gives "codec
    /// footer mismatch: unknown algorithmID"), as one naming <paramref name="file"/>; any other as it is.
    /// </summary>
    public static Exception Naming(Exception e, string file) =>
        FileOf(e) != UnnamedFile ? e : new IOException($"{e.Message} (resource=path=\"{file}\")", e);

    // Lucene writes both "(resource=...)" and "(resource: ...)", the latter with the file's path and its codec string.
    [GeneratedRegex(@"\s*\(resource[=:].*$", RegexOptions.Singleline)]
    private static partial Regex Resource();

    // "read past EOF: SimpleFSIndexInput(path=\"/index/_0.fnm\")": the file is named apart.
    [GeneratedRegex(@":?\s*\w*IndexInput\(path=""[^""]*""\)\)*")]
    private static partial Regex InputDescription();
}
