using HistoryBot.Discord.Client.Api;
using HistoryBot.Discord.Client.Rest;
using HistoryBot.QuestionLog;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot;

/// <summary>
/// Handles clicks on the 👍/👎 buttons: acknowledges at once with an ephemeral thank-you (Discord wants an answer
/// within 3 s) and records the vote in the question log off that path. One vote per user and answer: the log keeps
/// the latest. A button it can't read gets a polite ephemeral reply.
/// </summary>
internal sealed class FeedbackResponder(DiscordRestClient rest, IQuestionLog log, RecentIds handled, ILogger logger)
{
    public const string ThanksUp = "Thanks for the feedback! 👍";
    public const string ThanksDown = "Thanks for the feedback: noted that this answer didn't help. 👎";
    public const string Unreadable = "Sorry, I can't read that button; it may belong to an older message. Ask again to rate a new answer.";

    public Task? OnClick(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        if (!handled.TryAdd(interaction.Id))
        {
            BotLog.Duplicate(logger, "interaction", interaction.Id);
            return null;
        }

        if (!FeedbackButtons.TryParse(interaction.Data?.CustomId, out var entryId, out var vote))
        {
            BotLog.UnknownComponent(logger, interaction.Id);
            return AcknowledgeAsync(interaction, Unreadable, cancellationToken);
        }

        var ack = AcknowledgeAsync(interaction, vote == Feedback.Up ? ThanksUp : ThanksDown, cancellationToken);
        var voter = interaction.Invoker?.Id;
        if (voter is null)
        {
            return ack;
        }

        var recorded = Task.Run(() => RecordAsync(entryId, voter.Value, vote, cancellationToken), CancellationToken.None);
        return Task.WhenAll(ack, recorded);
    }

    private async Task AcknowledgeAsync(DiscordInteraction interaction, string text, CancellationToken cancellationToken)
    {
        try
        {
            await rest.CreateInteractionResponseAsync(
                interaction.Id,
                interaction.Token,
                new InteractionResponse(
                    InteractionCallbackType.ChannelMessageWithSource,
                    new InteractionCallbackData(text, null, AllowedMentions.None, MessageFlags.Ephemeral)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            BotLog.ReplyFailed(logger, ex, "button click", interaction.Id);
        }
    }

    private async Task RecordAsync(string entryId, ulong voter, Feedback vote, CancellationToken cancellationToken)
    {
        try
        {
            await log.SetFeedbackAsync(entryId, voter.ToString(System.Globalization.CultureInfo.InvariantCulture), vote, cancellationToken).ConfigureAwait(false);
            BotLog.FeedbackRecorded(logger, vote, entryId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            BotLog.FeedbackFailed(logger, ex, entryId);
        }
    }
}
