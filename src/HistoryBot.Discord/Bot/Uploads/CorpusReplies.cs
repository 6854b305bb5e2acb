using System.Globalization;
using System.Text;
using HistoryBot.Core.Indexing;

namespace HistoryBot.Discord.Bot.Uploads;

/// <summary>What <c>/corpus</c> says, always to the invoking manager only. User-given names are escaped; nobody is pinged.</summary>
internal static class CorpusReplies
{
    /// <summary>Most shared documents named in <c>/corpus list</c>; the rest are counted.</summary>
    private const int SharedShown = 15;

    public const string OnlyInServers = "`/corpus` manages a server's own documents, so it works only in a server, not in DMs.";

    public const string NotAllowed =
        "Only members with the **Manage Server** (or Administrator) permission can change this server's documents. Nothing was changed.";

    public const string Usage = "Use `/corpus add`, `/corpus list` or `/corpus remove`.";

    public const string NoFile = "Attach the document to add in the `file` option. Nothing was stored.";

    public const string StorageFailed = "Sorry, I could not change this server's documents folder (the error is in my log). Nothing was added.";

    public static string Refused(string shown, string reason) => $"I can't add “{Name(shown)}”: {reason}. Nothing was stored.";

    public static string TooLarge(long maxBytes) => $"it is larger than the limit of {Size(maxBytes)}";

    public static string TooManyDocuments(int max) =>
        string.Create(CultureInfo.InvariantCulture, $"this server has {max} documents already, the most it may have (remove one with `/corpus remove`)");

    public static string ServerFull(long maxBytes) => $"this server's documents would take more than {Size(maxBytes)} (remove one with `/corpus remove`)";

    public static string AlreadyThere(string shown, StoredUpload same) =>
        $"“{Name(shown)}” is already here, with the same content, as `{Code(same.FileName)}`. Nothing new was stored.";

    public static string Added(StoredUpload stored, IndexedDocument indexed, string? title) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Added **{Name(title ?? indexed.Title)}** (`{Code(stored.FileName)}`, {Size(stored.Bytes)}): {indexed.Sections} section(s), {indexed.Passages} passage(s). ")
        + "Questions in this server are answered from it now; other servers don't see it.";

    public static string StillIndexing(StoredUpload stored, string title) =>
        $"Stored **{Name(title)}** as `{Code(stored.FileName)}`; it is still being indexed and will answer here in a moment.";

    public static string NoSuchUpload(string name) =>
        $"This server has no upload called “{Name(name)}”. `/corpus list` shows its documents (the shared ones can't be removed from Discord).";

    public static string Removed(UploadEntry entry) =>
        $"Removed **{Name(entry.Title)}** (`{Code(entry.Stored.FileName)}`). It no longer answers questions here.";

    public static string List(IReadOnlyList<UploadEntry> uploads, IReadOnlyList<IndexedDocument> shared, UploadOptions options)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**This server's uploads** ({uploads.Count} of at most {options.MaxDocumentsPerGuild}, ")
            .Append(CultureInfo.InvariantCulture, $"{Size(uploads.Sum(u => u.Stored.Bytes))} of {Size(options.MaxBytesPerGuild)})\n");
        if (uploads.Count == 0)
        {
            text.Append("None yet: add one with `/corpus add`.\n");
        }

        foreach (var upload in uploads)
        {
            text.Append(CultureInfo.InvariantCulture, $"• **{Name(upload.Title)}**: `{Code(upload.Stored.FileName)}`, {Size(upload.Stored.Bytes)}");
            if (upload.Record is { } record)
            {
                var who = record.UserId == 0 ? Name(record.UserName ?? "someone") : string.Create(CultureInfo.InvariantCulture, $"<@{record.UserId}>");
                text.Append(CultureInfo.InvariantCulture, $", added by {who} <t:{record.Time.ToUnixTimeSeconds()}:f>");
            }

            text.Append(upload.Indexed switch
            {
                null => " (being indexed)",
                { Indexed: false } => " (not readable)",
                { } indexed => string.Create(CultureInfo.InvariantCulture, $", {indexed.Passages} passage(s)"),
            }).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"\n**Shared corpus** ({shared.Count} document(s), answering in every server)\n");
        foreach (var document in shared.Take(SharedShown))
        {
            text.Append(CultureInfo.InvariantCulture, $"• **{Name(document.Title)}**: `{Code(document.Id)}`, {Size(document.Bytes)}\n");
        }

        if (shared.Count > SharedShown)
        {
            text.Append(CultureInfo.InvariantCulture, $"… and {shared.Count - SharedShown} more.\n");
        }

        return text.ToString();
    }

    /// <summary>"812 bytes", "12.3 KB", "20 MB" (binary units, as the limits are set).</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GB"),
    };

    private static string Name(string text) => DiscordText.EscapeWithin(text, 120);

    /// <summary>Inside `code`, only a backtick could break out.</summary>
    private static string Code(string text) => DiscordText.Truncate(text.Replace('`', '\''), 120);
}
