using System.Diagnostics;
using HistoryBot.Core;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Discord.Client.Api;
using HistoryBot.QuestionLog;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot;

/// <summary>
/// Turns questions and searches into embeds: reads each question in its channel's follow-up context, asks the core,
/// and formats the result. <see cref="PrepareAsk"/> runs on the dispatch path (in gateway order); the work it returns
/// runs on an answer worker. Every answer is recorded in the question log and carries the 👍/👎 buttons.
/// </summary>
internal sealed class QuestionAnswerer(IAnswerService answers, FollowUpContexts followUps, QuestionLogging logging, TimeProvider time, ILogger logger)
{
    public const string Source = "discord";

    /// <summary>
    /// Reads <paramref name="question"/> in its channel's context now, while the handlers still run in the order the
    /// gateway delivered the events, and returns the work that answers it.
    /// </summary>
    public Func<BotReply> PrepareAsk(string question, AskOrigin origin, CancellationToken cancellationToken)
    {
        var followUp = origin.ChannelId is { } id ? followUps.Resolve(id, question) : FollowUp.Standalone(question);
        if (followUp.IsRewritten)
        {
            BotLog.FollowUp(logger, origin.ChannelId ?? 0);
        }

        return () => Ask(followUp, origin, cancellationToken);
    }

    public Embed Search(string query, AskOrigin origin, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var result = answers.Search(query, ReplyFormatter.SearchHitCount, origin.Scope, cancellationToken);
            BotLog.Searched(logger, result.TotalHits, watch.Elapsed.TotalMilliseconds);
            return ReplyFormatter.FormatSearch(result);
        }
        catch (QuerySyntaxException ex)
        {
            return ReplyFormatter.FormatSearchError(query, ex.Message);
        }
    }

    /// <summary>What the corpus holds as seen from <paramref name="origin"/>: another server's uploads are neither counted nor named.</summary>
    public Embed About(AskOrigin origin)
    {
        var documents = answers.Documents;
        if (documents.Count == 0)
        {
            // A service that does not list its files has no uploads either.
            return ReplyFormatter.FormatAbout(answers.Stats, answers.DocumentTitles, answers.CorpusChanged, answers.BackgroundEmbedding?.Describe());
        }

        var visible = documents.Where(d => d.Indexed && origin.Scope.Includes(d.Scope)).ToList();
        var stats = new IndexStats(visible.Count, visible.Sum(d => d.Sections), visible.Sum(d => d.Passages), visible.Sum(d => d.Sentences));
        return ReplyFormatter.FormatAbout(stats, [.. visible.Select(d => d.Title)], answers.CorpusChanged, answers.BackgroundEmbedding?.Describe());
    }

    private BotReply Ask(FollowUp question, AskOrigin origin, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var answer = answers.Ask(question.Resolved, origin.Scope, cancellationToken);
        var elapsedMs = watch.Elapsed.TotalMilliseconds;
        if (origin.ChannelId is { } channelId)
        {
            followUps.Answered(channelId, question.Resolved, answer.Quote?.Text.Text);
        }

        BotLog.Answered(logger, origin.ChannelId ?? 0, answer.Answered, elapsedMs);
        var embed = ReplyFormatter.FormatAnswer(answer, question, answers);
        return Record(question, answer, origin, elapsedMs) is { } entryId ? new BotReply(embed, FeedbackButtons.For(entryId)) : embed;
    }

    private string? Record(FollowUp question, Answer answer, AskOrigin origin, double elapsedMs)
    {
        var quote = answer.Quote;
        var entry = new QuestionLogEntry(
            time.GetUtcNow(),
            Source,
            question.Asked,
            question.IsRewritten ? question.Resolved : null,
            answer.Answered,
            quote?.Text.Text,
            quote?.Title,
            quote?.Section,
            quote?.Score,
            answer.Retrieval.ToString().ToLowerInvariant(),
            elapsedMs,
            origin.GuildId,
            origin.ChannelId,
            origin.UserId);
        try
        {
            return logging.Log.Record(entry);
        }
        catch (Exception ex)
        {
            // The contract says Record never throws; if a log breaks it anyway, the answer still goes out.
            BotLog.RecordFailed(logger, ex);
            return null;
        }
    }
}
