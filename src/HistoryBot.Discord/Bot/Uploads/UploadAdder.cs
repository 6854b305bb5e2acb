using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.Discord.Client.Api;
using HistoryBot.Discord.Client.Rest;
using HistoryBot.QuestionLog;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot.Uploads;

/// <summary>
/// <c>/corpus add</c>: the name, the server's limits and the declared size are checked before the download; the bytes
/// (never more than <see cref="UploadOptions.MaxBytes"/>) are checked by extension and content and read by the corpus's
/// own reader before anything is written; the same content twice is one document. Then the file is stored, the upload
/// recorded, and the reply waits until the living corpus has indexed it.
/// </summary>
internal sealed class UploadAdder(
    UploadOptions options,
    CorpusUploads uploads,
    IAnswerService answers,
    AttachmentDownloader downloader,
    TimeProvider time,
    ILogger logger)
{
    public async Task<string> AddAsync(UploadStore store, CorpusRequest request, DiscordUser? user, ulong guildId, CancellationToken cancellationToken)
    {
        if (request.File is not { } file)
        {
            return CorpusReplies.NoFile;
        }

        var shown = UploadedContent.Shown(file.Filename);
        var (name, problem) = NameFor(file, request.Title);
        problem ??= file.Size > options.MaxBytes ? CorpusReplies.TooLarge(options.MaxBytes) : LimitProblem(store, file.Size);
        if (name is null || problem is not null)
        {
            return Refuse(guildId, shown, problem!);
        }

        byte[] content;
        try
        {
            content = await downloader.DownloadAsync(file, options.MaxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (AttachmentTooLargeException)
        {
            return Refuse(guildId, shown, CorpusReplies.TooLarge(options.MaxBytes));
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Refuse(guildId, shown, "I could not download it from Discord; please try again");
        }

        var (document, unreadable) = await Task.Run(
            () => (UploadedContent.Check(name, content, uploads.Readers, cancellationToken, out var reason), reason), cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return Refuse(guildId, shown, unreadable ?? "it could not be read");
        }

        var sha256 = UploadedContent.Hash(content);
        if (store.FindSameContent(sha256, content.Length) is { } same)
        {
            return CorpusReplies.AlreadyThere(shown, same);
        }

        if (LimitProblem(store, content.Length) is { } limit)
        {
            return Refuse(guildId, shown, limit);
        }

        var stored = store.Store(name, content);
        UploadLog.Stored(logger, stored.Document, stored.Bytes);
        await TryLogAsync(
            () => uploads.Log.RecordAsync(
                new UploadRecord(guildId, stored.Document, file.Filename, NonEmpty(request.Title), stored.Bytes, sha256, user?.Id ?? 0, user?.GlobalName ?? user?.Username, time.GetUtcNow()),
                cancellationToken)).ConfigureAwait(false);

        var indexed = await WaitForIndexAsync(stored.Document, cancellationToken).ConfigureAwait(false);
        if (indexed is null)
        {
            UploadLog.StillIndexing(logger, stored.Document, options.IndexTimeoutSeconds);
            return CorpusReplies.StillIndexing(stored, NonEmpty(request.Title) ?? document.Title);
        }

        if (!indexed.Indexed)
        {
            // The reader accepted it here but the index did not: the file is not kept.
            store.Delete(stored);
            await TryLogAsync(() => uploads.Log.RemoveAsync(guildId, stored.Document, cancellationToken)).ConfigureAwait(false);
            await WaitForIndexAsync(stored.Document, cancellationToken).ConfigureAwait(false);
            return Refuse(guildId, shown, indexed.SkipReason ?? "it could not be indexed");
        }

        return CorpusReplies.Added(stored, indexed, NonEmpty(request.Title));
    }

    private static (string? Name, string? Problem) NameFor(DiscordAttachment file, string? title)
    {
        var name = UploadFileNames.Sanitise(file.Filename, out var problem);
        if (name is null)
        {
            return (null, problem);
        }

        // A title of its own names the file too, so that answers quote it under that name.
        return (NonEmpty(title) is { } given ? UploadFileNames.FromTitle(given, Path.GetExtension(name)) ?? name : name, null);
    }

    private string? LimitProblem(UploadStore store, long bytes)
    {
        var existing = store.List();
        if (existing.Count >= options.MaxDocumentsPerGuild)
        {
            return CorpusReplies.TooManyDocuments(options.MaxDocumentsPerGuild);
        }

        return existing.Sum(u => u.Bytes) + bytes > options.MaxBytesPerGuild ? CorpusReplies.ServerFull(options.MaxBytesPerGuild) : null;
    }

    /// <summary>Has the living corpus pick up the change now; the document as indexed, or null when it took too long.</summary>
    private async Task<IndexedDocument?> WaitForIndexAsync(string document, CancellationToken cancellationToken)
    {
        try
        {
            await answers.RefreshAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(options.IndexTimeoutSeconds), time, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }

        return answers.Documents.FirstOrDefault(d => d.Id == document);
    }

    private async Task TryLogAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            UploadLog.LogFailed(logger, ex);
        }
    }

    private string Refuse(ulong guildId, string shown, string reason)
    {
        UploadLog.Rejected(logger, guildId, reason);
        return CorpusReplies.Refused(shown, reason);
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
