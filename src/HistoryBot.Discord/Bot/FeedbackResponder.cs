using HistoryBot.Discord.Client.Api;
using HistoryBot.Discord.Client.Rest;
using HistoryBot.QuestionLog;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot;

/// <summary>
/// Handles clicks on the 👍/👎 buttons: records the vote in the question log, waiting for it at most
/// <see cref="VoteWait"/> (Discord wants an answer within 3 s), then acknowledges with an ephemeral reply that says
/// what became of it: stored (a thank-you), queued behind a lock (stored shortly), or not stored. One vote per user and
/// answer: the log keeps the latest. A button it can't read gets a polite ephemeral reply.
/// </summary>
internal sealed class FeedbackResponder(DiscordRestClient rest, IQuestionLog log, RecentIds handled, ILogger logger)
{
    public const string ThanksUp = "Thanks for the feedback! 👍";
    public const string ThanksDown = "Thanks for the feedback: noted that this answer didn't help. 👎";
    public const string LogOff = "Thanks for the feedback! This bot keeps no ratings, though: its question log is off.";
    public const string Unreadable = "Sorry, I can't read that button; it may belong to an older message. Ask again to rate a new answer.";

    /// <summary>How long a click waits for its vote to be written before the reply says it will be stored shortly.</summary>
    internal static readonly TimeSpan VoteWait = TimeSpan.FromSeconds(1.5);

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

        var voter = interaction.Invoker?.Id;
        return Task.Run(
            async () =>
            {
                if (log is NullQuestionLog)
                {
                    await AcknowledgeAsync(interaction, LogOff, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var outcome = voter is null ? FeedbackOutcome.NotStored : await RecordAsync(entryId, voter.Value, vote, cancellationToken).ConfigureAwait(false);
                await AcknowledgeAsync(interaction, Wording(vote, outcome), cancellationToken).ConfigureAwait(false);
            },
            CancellationToken.None);
    }

    /// <summary>The reply to a click, by what became of the vote: never a thank-you "noted" for a vote not kept.</summary>
    internal static string Wording(Feedback vote, FeedbackOutcome outcome)
    {
        var mark = vote == Feedback.Up ? "👍" : "👎";
        return outcome switch
        {
            FeedbackOutcome.Stored => vote == Feedback.Up ? ThanksUp : ThanksDown,
            FeedbackOutcome.Queued => $"Thanks for the feedback! {mark} The bot's question log is busy right now; your vote will be stored shortly.",
            _ => $"Thanks, but your {mark} could not be stored: the bot's question log can't be written right now.",
        };
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

    private async Task<FeedbackOutcome> RecordAsync(string entryId, ulong voter, Feedback vote, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await log.SetFeedbackAsync(entryId, voter.ToString(System.Globalization.CultureInfo.InvariantCulture), vote, cancellationToken)
                .WaitAsync(VoteWait, cancellationToken).ConfigureAwait(false);
            if (outcome == FeedbackOutcome.Stored)
            {
                BotLog.FeedbackRecorded(logger, vote, entryId);
            }

            return outcome;
        }
        catch (TimeoutException)
        {
            // Still on its way (a slow or locked database): it stays queued and is written when it can be.
            return FeedbackOutcome.Queued;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return FeedbackOutcome.NotStored;
        }
        catch (Exception ex)
        {
            BotLog.FeedbackFailed(logger, ex, entryId);
            return FeedbackOutcome.NotStored;
        }
    }
}
