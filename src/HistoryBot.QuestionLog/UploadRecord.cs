namespace HistoryBot.QuestionLog;

/// <summary>A document a Discord server's manager uploaded into the corpus: which, who and when.</summary>
/// <param name="GuildId">The server the upload belongs to (and answers in).</param>
/// <param name="Document">The corpus-relative path of the stored file, e.g. <c>uploads/123/notes.md</c>.</param>
/// <param name="OriginalName">The attachment's file name as the uploader sent it (for display only).</param>
/// <param name="UserId">The uploader's Discord user id: kept as given, as managers need to see who added what.</param>
public sealed record UploadRecord(
    ulong GuildId,
    string Document,
    string OriginalName,
    string? Title,
    long Bytes,
    string Sha256,
    ulong UserId,
    string? UserName,
    DateTimeOffset Time);
