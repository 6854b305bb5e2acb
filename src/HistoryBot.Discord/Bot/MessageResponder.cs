using HistoryBot.Discord.Client.Api;
using HistoryBot.Discord.Client.Rest;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot;

/// <summary>
/// Answers mentions in guild channels (only the configured ones, when any are) and, when enabled, direct messages:
/// with a cooldown notice, the help text for an empty question, or the answer, as a reply that pings no one.
/// </summary>
internal sealed class MessageResponder(
    DiscordOptions options,
    DiscordRestClient rest,
    QuestionAnswerer answerer,
    AnswerWorkers workers,
    CooldownTracker cooldowns,
    RecentIds handled,
    ILogger logger)
{
    private const int SuppressNotifications = 1 << 12;

    private readonly HashSet<ulong> _channels = [.. options.ChannelIds];

    /// <summary>Filters and de-duplicates on the dispatch path; returns the reply's task, or null when there is none.</summary>
    public Task? OnMessage(DiscordMessage message, ulong self, CancellationToken cancellationToken)
    {
        if (self == 0 || message.Author.Id == self || message.Author.Bot || message.WebhookId is not null
            || message.Type is not (MessageType.Default or MessageType.Reply))
        {
            return null;
        }

        var isDirect = message.GuildId is null;
        if (isDirect ? !options.AnswerDirectMessages : !MentionParser.MentionsUser(message, self) || (_channels.Count > 0 && !_channels.Contains(message.ChannelId)))
        {
            return null;
        }

        if (!handled.TryAdd(message.Id))
        {
            BotLog.Duplicate(logger, "message", message.Id);
            return null;
        }

        var question = MentionParser.StripMention(message.Content ?? "", self);
        var decision = cooldowns.Check(message.Author.Id, message.ChannelId);
        var work = decision.Allowed && question.Length > 0 ? answerer.PrepareAsk(question, new AskOrigin(message.GuildId, message.ChannelId, message.Author.Id), cancellationToken) : null;
        return ReplyAsync(message, decision, work, cancellationToken);
    }

    private async Task ReplyAsync(DiscordMessage message, CooldownDecision decision, Func<BotReply>? work, CancellationToken cancellationToken)
    {
        try
        {
            MessageCreateRequest reply;
            var reference = new MessageReference(message.Id);
            if (!decision.Allowed)
            {
                BotLog.Cooldown(logger, message.Author.Id, message.ChannelId, decision.Notify);
                if (!decision.Notify)
                {
                    return;
                }

                reply = new MessageCreateRequest(ReplyFormatter.CooldownNotice(decision.RetryAfter), null, AllowedMentions.None, reference, SuppressNotifications);
            }
            else if (work is null)
            {
                reply = new MessageCreateRequest(ReplyFormatter.Help, null, AllowedMentions.None, reference);
            }
            else
            {
                var answer = await workers.RunAsync(work, cancellationToken).ConfigureAwait(false);
                reply = new MessageCreateRequest(null, [answer.Embed], AllowedMentions.None, reference, Components: answer.Components);
            }

            await rest.CreateMessageAsync(message.ChannelId, reply, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            BotLog.ReplyFailed(logger, ex, "message", message.Id);
        }
    }
}
