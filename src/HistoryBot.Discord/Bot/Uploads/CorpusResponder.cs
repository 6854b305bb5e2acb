using HistoryBot.Core;
using HistoryBot.Discord.Client.Api;
using HistoryBot.Discord.Client.Rest;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot.Uploads;

/// <summary>
/// Answers <c>/corpus</c>: refuses DMs and members without Manage Server or Administrator at once (ephemerally, nothing
/// changed), applies the same per-user cooldown as <c>/ask</c>, then defers ephemerally (type 5, flags 64) within
/// Discord's 3 s and edits the original response when the work is done. Changes of the corpus are made one at a time.
/// </summary>
internal sealed class CorpusResponder(
    UploadOptions options,
    CorpusUploads uploads,
    IAnswerService answers,
    DiscordRestClient rest,
    AttachmentDownloader downloader,
    TimeProvider time,
    ILogger logger)
{
    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <param name="cooldown">Checks (and counts) the user's cooldown; asked only once the member may use the command.</param>
    public async Task RespondAsync(DiscordInteraction interaction, InteractionData data, Func<CooldownDecision> cooldown, CancellationToken cancellationToken)
    {
        try
        {
            if (interaction.GuildId is not { } guildId)
            {
                await RespondNowAsync(interaction, CorpusReplies.OnlyInServers, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (!CorpusCommand.MayManage(interaction))
            {
                UploadLog.Refused(logger, interaction.Invoker?.Id ?? 0, guildId);
                await RespondNowAsync(interaction, CorpusReplies.NotAllowed, cancellationToken).ConfigureAwait(false);
                return;
            }

            var decision = cooldown();
            if (!decision.Allowed)
            {
                await RespondNowAsync(interaction, ReplyFormatter.CooldownNotice(decision.RetryAfter), cancellationToken).ConfigureAwait(false);
                return;
            }

            await rest.CreateInteractionResponseAsync(
                interaction.Id,
                interaction.Token,
                new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource, new InteractionCallbackData(Flags: MessageFlags.Ephemeral)),
                cancellationToken).ConfigureAwait(false);
            var text = await WorkAsync(interaction, guildId, CorpusCommand.Read(data), cancellationToken).ConfigureAwait(false);
            await rest.EditOriginalResponseAsync(
                interaction.ApplicationId,
                interaction.Token,
                new WebhookMessageEdit(DiscordText.Truncate(text, EmbedLimits.Content), null, AllowedMentions.None),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            BotLog.ReplyFailed(logger, ex, "corpus", interaction.Id);
        }
    }

    private async Task<string> WorkAsync(DiscordInteraction interaction, ulong guildId, CorpusRequest? request, CancellationToken cancellationToken)
    {
        var store = new UploadStore(uploads.CorpusDirectory, guildId);
        var catalog = new UploadCatalog(store, answers, uploads.Log, guildId, logger);
        try
        {
            switch (request?.Subcommand)
            {
                case CorpusCommand.List:
                    return CorpusReplies.List(await catalog.ListAsync(cancellationToken).ConfigureAwait(false), catalog.Shared(), options);
                case CorpusCommand.Add:
                    var add = new UploadAdder(options, uploads, answers, downloader, time, logger);
                    return await Serialised(() => add.AddAsync(store, request, interaction.Invoker, guildId, cancellationToken), cancellationToken).ConfigureAwait(false);
                case CorpusCommand.Remove:
                    return await Serialised(() => RemoveAsync(catalog, store, request.Name ?? "", cancellationToken), cancellationToken).ConfigureAwait(false);
                default:
                    return CorpusReplies.Usage;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            UploadLog.StorageFailed(logger, ex, guildId);
            return CorpusReplies.StorageFailed;
        }
    }

    private async Task<string> RemoveAsync(UploadCatalog catalog, UploadStore store, string name, CancellationToken cancellationToken)
    {
        var entries = await catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        if (UploadCatalog.Find(entries, name) is not { } entry)
        {
            return CorpusReplies.NoSuchUpload(name);
        }

        store.Delete(entry.Stored);
        await uploads.Log.RemoveAsync(catalog.GuildId, entry.Stored.Document, cancellationToken).ConfigureAwait(false);
        UploadLog.Removed(logger, entry.Stored.Document);
        await answers.RefreshAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(options.IndexTimeoutSeconds), time, cancellationToken).ConfigureAwait(false);
        return CorpusReplies.Removed(entry);
    }

    private async Task<string> Serialised(Func<Task<string>> change, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await change().ConfigureAwait(false);
        }
        finally
        {
            _changes.Release();
        }
    }

    private Task RespondNowAsync(DiscordInteraction interaction, string text, CancellationToken cancellationToken) =>
        rest.CreateInteractionResponseAsync(
            interaction.Id,
            interaction.Token,
            new InteractionResponse(
                InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData(text, null, AllowedMentions.None, MessageFlags.Ephemeral)),
            cancellationToken);
}
