using HistoryBot.Core;
using HistoryBot.Core.Indexing;
using HistoryBot.QuestionLog;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot.Uploads;

/// <summary>One upload of a server: its file, what the index made of it (null while not indexed) and who added it when.</summary>
internal sealed record UploadEntry(StoredUpload Stored, IndexedDocument? Indexed, UploadRecord? Record)
{
    /// <summary>The title given with <c>/corpus add</c>, else the document's own, else its file name.</summary>
    public string Title => Record?.Title ?? Indexed?.Title ?? Stored.FileName;
}

/// <summary>A server's view of the corpus: its uploads (files, index and upload log joined) and the shared documents.</summary>
internal sealed class UploadCatalog(UploadStore store, IAnswerService answers, IUploadLog log, ulong guildId, ILogger logger)
{
    public ulong GuildId => guildId;

    /// <summary>The server's uploads as they are on disk, oldest first when the log knows their times.</summary>
    public async Task<IReadOnlyList<UploadEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var indexed = answers.Documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        IReadOnlyList<UploadRecord> records;
        try
        {
            records = await log.ListAsync(guildId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without the log the list still shows the files, only not who added them when.
            UploadLog.LogFailed(logger, ex);
            records = [];
        }

        var byDocument = records.GroupBy(r => r.Document, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return [.. store.List()
            .Select(s => new UploadEntry(s, indexed.GetValueOrDefault(s.Document), byDocument.GetValueOrDefault(s.Document)))
            .OrderBy(e => e.Record?.Time ?? DateTimeOffset.MaxValue)
            .ThenBy(e => e.Stored.FileName, StringComparer.Ordinal)];
    }

    /// <summary>The shared corpus: indexed documents that are nobody's upload.</summary>
    public IReadOnlyList<IndexedDocument> Shared() => [.. answers.Documents.Where(d => d.Scope is null && d.Indexed)];

    /// <summary>The upload called <paramref name="name"/>: by file name, else by title, else by the name it was uploaded under.</summary>
    public static UploadEntry? Find(IReadOnlyList<UploadEntry> entries, string name)
    {
        var wanted = name.Trim();
        return entries.FirstOrDefault(e => string.Equals(e.Stored.FileName, wanted, StringComparison.OrdinalIgnoreCase))
            ?? entries.FirstOrDefault(e => string.Equals(e.Title, wanted, StringComparison.OrdinalIgnoreCase))
            ?? entries.FirstOrDefault(e => string.Equals(e.Indexed?.Title, wanted, StringComparison.OrdinalIgnoreCase))
            ?? entries.FirstOrDefault(e => string.Equals(e.Record?.OriginalName, wanted, StringComparison.OrdinalIgnoreCase));
    }
}
