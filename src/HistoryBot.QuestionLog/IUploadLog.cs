namespace HistoryBot.QuestionLog;

/// <summary>Who uploaded which document into a server's part of the corpus, and when (the <c>uploads</c> table).</summary>
public interface IUploadLog
{
    /// <summary>Records an upload (replacing an earlier record of the same document).</summary>
    Task RecordAsync(UploadRecord upload, CancellationToken cancellationToken);

    /// <summary>Forgets the upload of <paramref name="document"/> in <paramref name="guildId"/>; nothing when unknown.</summary>
    Task RemoveAsync(ulong guildId, string document, CancellationToken cancellationToken);

    /// <summary>The uploads of one server, oldest first.</summary>
    Task<IReadOnlyList<UploadRecord>> ListAsync(ulong guildId, CancellationToken cancellationToken);
}

/// <summary>An upload log that keeps nothing (the question log is off): uploads still work, without who and when.</summary>
public sealed class NullUploadLog : IUploadLog
{
    public static NullUploadLog Instance { get; } = new();

    public Task RecordAsync(UploadRecord upload, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveAsync(ulong guildId, string document, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<UploadRecord>> ListAsync(ulong guildId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UploadRecord>>([]);
}
