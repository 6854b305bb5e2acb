using HistoryBot.Discord.Bot.Uploads;
using HistoryBot.Discord.Client.Api;
using HistoryBot.Discord.Client.Rest;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot;

/// <summary>
/// Answers slash commands within Discord's 3 s: directly when the answer is ready within
/// <see cref="DiscordOptions.DeferAfterMilliseconds"/>, otherwise with a deferred response that is edited later.
/// </summary>
internal sealed class InteractionResponder(
    DiscordOptions options,
    DiscordRestClient rest,
    QuestionAnswerer answerer,
    AnswerWorkers workers,
    CooldownTracker cooldowns,
    RecentIds handled,
    TimeProvider time,
    ILogger logger,
    CorpusResponder? corpus = null)
{
    /// <summary>De-duplicates and checks the cooldown on the dispatch path; returns the reply's task, or null when there is none.</summary>
    public Task? OnCommand(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        if (interaction.Data is not { } data)
        {
            return null;
        }

        if (!handled.TryAdd(interaction.Id))
        {
            BotLog.Duplicate(logger, "interaction", interaction.Id);
            return null;
        }

        if (data.Name == CorpusCommand.Name && corpus is not null)
        {
            // Its own checks (server, permission) come first; the cooldown is /ask's, counted only for managers.
            return corpus.RespondAsync(interaction, data, () => cooldowns.Check(interaction.Invoker?.Id ?? 0, interaction.ChannelId ?? 0), cancellationToken);
        }

        var decision = data.Name == "about"
            ? CooldownDecision.Allow
            : cooldowns.Check(interaction.Invoker?.Id ?? 0, interaction.ChannelId ?? 0);
        var origin = new AskOrigin(interaction.GuildId, interaction.ChannelId, interaction.Invoker?.Id);
        Func<BotReply>? work = !decision.Allowed ? null : data.Name switch
        {
            "ask" => answerer.PrepareAsk(SlashCommands.StringOption(data, "question"), origin, cancellationToken),
            "search" => () => answerer.Search(SlashCommands.StringOption(data, "query"), origin, cancellationToken),
            "about" => () => answerer.About(origin),
            _ => null,
        };
        return ReplyAsync(interaction, decision, work, cancellationToken);
    }

    private async Task ReplyAsync(DiscordInteraction interaction, CooldownDecision decision, Func<BotReply>? work, CancellationToken cancellationToken)
    {
        try
        {
            if (!decision.Allowed)
            {
                BotLog.Cooldown(logger, interaction.Invoker?.Id ?? 0, interaction.ChannelId ?? 0, decision.Notify);
                await RespondAsync(interaction, Ephemeral(ReplyFormatter.CooldownNotice(decision.RetryAfter)), cancellationToken).ConfigureAwait(false);
                return;
            }

            if (work is null)
            {
                await RespondAsync(interaction, Ephemeral("I don't know that command."), cancellationToken).ConfigureAwait(false);
                return;
            }

            var answer = workers.RunAsync(work, cancellationToken);
            var deadline = Task.Delay(TimeSpan.FromMilliseconds(options.DeferAfterMilliseconds), time, cancellationToken);
            if (await Task.WhenAny(answer, deadline).ConfigureAwait(false) == answer)
            {
                var ready = await answer.ConfigureAwait(false);
                await RespondAsync(interaction, new InteractionCallbackData(null, [ready.Embed], AllowedMentions.None, Components: ready.Components), cancellationToken)
                    .ConfigureAwait(false);
                return;
            }

            BotLog.Deferred(logger, interaction.Id, options.DeferAfterMilliseconds);
            await rest.CreateInteractionResponseAsync(
                interaction.Id,
                interaction.Token,
                new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource),
                cancellationToken).ConfigureAwait(false);
            var late = await answer.ConfigureAwait(false);
            await rest.EditOriginalResponseAsync(
                interaction.ApplicationId,
                interaction.Token,
                new WebhookMessageEdit(null, [late.Embed], AllowedMentions.None, late.Components),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            BotLog.ReplyFailed(logger, ex, "interaction", interaction.Id);
        }
    }

    private static InteractionCallbackData Ephemeral(string text) => new(text, null, AllowedMentions.None, MessageFlags.Ephemeral);

    private Task RespondAsync(DiscordInteraction interaction, InteractionCallbackData data, CancellationToken cancellationToken) =>
        rest.CreateInteractionResponseAsync(
            interaction.Id,
            interaction.Token,
            new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, data),
            cancellationToken);
}
