namespace HistoryBot.Core;

/// <summary>
/// Where a document's scope comes from: its place in the corpus. A file under <c>uploads/&lt;name&gt;/</c> (directly in
/// it or deeper) belongs to scope <c>name</c>; every other file is shared. Deriving it from the path means the scope
/// needs no database and survives a re-index, and a back-up of the corpus folder keeps it.
/// </summary>
public static class DocumentScopes
{
    /// <summary>The corpus sub-folder that holds one folder per scope.</summary>
    public const string UploadsFolder = "uploads";

    /// <summary>Longest scope name accepted (a Discord snowflake has at most 20 digits).</summary>
    public const int MaxNameLength = 64;

    /// <summary>The scope of a document id (a corpus-relative path with forward slashes), or null when it is shared.</summary>
    public static string? Of(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var prefix = UploadsFolder + "/";
        if (!documentId.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = documentId.IndexOf('/', prefix.Length);
        return end <= prefix.Length ? null : documentId[prefix.Length..end];
    }

    /// <summary>A scope name is a single folder name of letters, digits, '-' and '_' (no separators, no dots).</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The corpus-relative folder of a scope's uploads: <c>uploads/&lt;name&gt;</c>.</summary>
    public static string FolderOf(string name) =>
        IsValidName(name) ? $"{UploadsFolder}/{name}" : throw new ArgumentException($"'{name}' is not a scope name.", nameof(name));
}
