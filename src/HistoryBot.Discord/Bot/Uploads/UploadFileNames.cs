using System.Globalization;
using System.Text;

namespace HistoryBot.Discord.Bot.Uploads;

/// <summary>
/// Turns an attachment's name (chosen by whoever uploads it) into a file name that is safe to create: a name that tries
/// to leave its folder (a path separator, "..") or hides control characters is refused outright; other characters a file
/// name should not hold become '_', and the name is cut to a bounded length, keeping its extension.
/// </summary>
internal static class UploadFileNames
{
    /// <summary>Longest stored file name, extension included (well under every file system's 255).</summary>
    public const int MaxLength = 100;

    /// <summary>The safe name, or null with the reason when the name must be refused.</summary>
    public static string? Sanitise(string? name, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            problem = "the file has no name";
            return null;
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            problem = "its name holds a path (“/”, “\\” or “..”); upload the file under a plain name";
            return null;
        }

        // Format characters include the right-to-left override that makes "evil‮dm.exe" look like "evil.exe.md".
        if (name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            problem = "its name holds control or formatting characters";
            return null;
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC).Trim())
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' or '(' or ')' ? c : '_');
        }

        // No hidden files (".md"), no names ending in a dot or space (Windows drops them).
        var safe = builder.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        var extension = Path.GetExtension(safe);
        var stem = Path.GetFileNameWithoutExtension(safe).Trim();
        if (stem.Length == 0 || extension.Length is 0 or > 16)
        {
            problem = "its name has no file extension (such as .md, .txt or .pdf)";
            return null;
        }

        return Shorten(stem, extension.ToLowerInvariant(), MaxLength);
    }

    /// <summary>The name with a suffix before the extension, for the <paramref name="attempt"/>-th collision ("notes-2.md").</summary>
    public static string WithSuffix(string name, int attempt)
    {
        var extension = Path.GetExtension(name);
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-{attempt}");
        return Shorten(Path.GetFileNameWithoutExtension(name), extension, MaxLength - suffix.Length)[..^extension.Length] + suffix + extension;
    }

    /// <summary>The file name for an upload with a title of its own: the title stands for the stem.</summary>
    public static string? FromTitle(string title, string extension)
    {
        var safe = Sanitise(title.Trim() + extension, out _);
        return safe is null || !safe.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? null : safe;
    }

    private static string Shorten(string stem, string extension, int max)
    {
        var room = Math.Max(1, max - extension.Length);
        if (stem.Length > room)
        {
            // Don't cut a surrogate pair in half.
            var cut = char.IsHighSurrogate(stem[room - 1]) ? room - 1 : room;
            stem = stem[..cut].TrimEnd();
        }

        return stem + extension;
    }
}
