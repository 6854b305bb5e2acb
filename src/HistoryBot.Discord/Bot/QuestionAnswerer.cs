using System.Diagnostics;
using HistoryBot.Core;
using HistoryBot.Core.Retrieval;
using HistoryBot.Discord.Client.Api;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot;

/// <summary>
/// Turns questions and searches into embeds: reads each question in its channel's follow-up context, asks the core,
/// and formats the result. <see cref="PrepareAsk"/> runs on the dispatch path (in gateway order); the work it returns
/// runs on an answer worker.
/// </summary>
internal sealed class QuestionAnswerer(IAnswerService answers, FollowUpContexts followUps, ILogger logger)
{
    /// <summary>
    /// Reads <paramref name="question"/> in its channel's context now, while the handlers still run in the order the
    /// gateway delivered the events, and returns the work that answers it.
    /// </summary>
    public Func<Embed> PrepareAsk(string question, ulong? channelId, CancellationToken cancellationToken)
    {
        var followUp = channelId is { } id ? followUps.Resolve(id, question) : FollowUp.Standalone(question);
        if (followUp.IsRewritten)
        {
            BotLog.FollowUp(logger, channelId ?? 0);
        }

        return () => Ask(followUp, channelId ?? 0, cancellationToken);
    }

    public Embed Search(string query, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var result = answers.Search(query, ReplyFormatter.SearchHitCount, cancellationToken);
            BotLog.Searched(logger, result.TotalHits, watch.Elapsed.TotalMilliseconds);
            return ReplyFormatter.FormatSearch(result);
        }
        catch (QuerySyntaxException ex)
        {
            return ReplyFormatter.FormatSearchError(query, ex.Message);
        }
    }

    public Embed About() => ReplyFormatter.FormatAbout(answers.Stats, answers.DocumentTitles);

    private Embed Ask(FollowUp question, ulong channelId, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var answer = answers.Ask(question.Resolved, cancellationToken);
        BotLog.Answered(logger, channelId, answer.Answered, watch.Elapsed.TotalMilliseconds);
        return ReplyFormatter.FormatAnswer(answer, question);
    }
}
