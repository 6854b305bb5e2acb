using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using HistoryBot.Core;
using HistoryBot.Core.Retrieval;
using HistoryBot.Discord.Client.Api;
using HistoryBot.Discord.Client.Gateway;
using HistoryBot.Discord.Client.Rest;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot;

/// <summary>
/// The bot layer: registers the slash commands on the first READY, and turns mentions and slash commands into
/// answers. Every answer runs on its own task, so the gateway read loop never waits for the (CPU-bound) core.
/// Questions are read as follow-ups of the previous question in the same channel or thread (see <see cref="FollowUpContexts"/>).
/// </summary>
internal sealed partial class DiscordBot : IGatewayDispatchHandler
{
    public static IReadOnlyList<ApplicationCommand> Commands { get; } =
    [
        new("ask", "Ask a history question; the answer quotes the corpus.",
            Options: [new(ApplicationCommandOptionType.String, "question", "Your question, e.g. who succeeded Lenin?", Required: true, MaxLength: 500)]),
        new("search", "List the passages that match keywords.",
            Options: [new(ApplicationCommandOptionType.String, "query", "Keywords; quotes for phrases, AND/OR/NOT.", Required: true, MaxLength: 500)]),
        new("about", "What the corpus holds and how to ask."),
    ];

    private const int SuppressNotifications = 1 << 12;

    private readonly IAnswerService _answers;
    private readonly DiscordRestClient _rest;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordBot> _logger;
    private readonly CancellationToken _stopping;
    private readonly RecentIds _handled = new(20_000);
    private readonly CooldownTracker _cooldowns;
    private readonly FollowUpContexts _followUps;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly HashSet<ulong> _channels;

    // Answers are CPU-bound and synchronous: they run on their own threads, at most one per core, so they can never
    // starve the thread pool that the heartbeats and the gateway read loop depend on.
    private readonly SemaphoreSlim _answerSlots = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private long _userId;
    private long _applicationId;
    private int _commandsRegistered;

    public DiscordBot(IAnswerService answers, DiscordRestClient rest, DiscordOptions options, TimeProvider time, ILogger<DiscordBot> logger, CancellationToken stopping)
    {
        _answers = answers;
        _rest = rest;
        _options = options;
        _time = time;
        _logger = logger;
        _stopping = stopping;
        _channels = [.. options.ChannelIds];
        _cooldowns = new CooldownTracker(
            TimeSpan.FromSeconds(options.UserCooldownSeconds),
            options.ChannelLimit,
            TimeSpan.FromSeconds(options.ChannelWindowSeconds),
            time);
        _followUps = new FollowUpContexts(options.FollowUpChannels, TimeSpan.FromMinutes(options.FollowUpIdleMinutes), time);
    }

    public ulong UserId => (ulong)Interlocked.Read(ref _userId);

    public ulong ApplicationId => (ulong)Interlocked.Read(ref _applicationId);

    public void OnDispatch(GatewayDispatch dispatch)
    {
        switch (dispatch.Type)
        {
            case "READY":
                OnReady(dispatch.Data);
                break;
            case "MESSAGE_CREATE":
                if (DiscordJson.Deserialize<DiscordMessage>(dispatch.Data) is { } message)
                {
                    OnMessage(message);
                }

                break;
            case "INTERACTION_CREATE":
                if (DiscordJson.Deserialize<DiscordInteraction>(dispatch.Data) is { } interaction)
                {
                    OnInteraction(interaction);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) for answers still being sent.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var pending = _inFlight.Keys.ToArray();
        if (pending.Length > 0)
        {
            await Task.WhenAny(Task.WhenAll(pending), Task.Delay(timeout, _time)).ConfigureAwait(false);
        }
    }

    private void OnReady(JsonElement data)
    {
        var ready = DiscordJson.Deserialize<ReadyData>(data);
        if (ready is null)
        {
            return;
        }

        Interlocked.Exchange(ref _userId, (long)ready.User.Id);
        if (ready.Application is { } application)
        {
            Interlocked.Exchange(ref _applicationId, (long)application.Id);
        }

        if (Interlocked.Exchange(ref _commandsRegistered, 1) == 0)
        {
            Track(RegisterCommandsAsync(_stopping));
        }
    }

    private void OnMessage(DiscordMessage message)
    {
        var self = UserId;
        if (self == 0 || message.Author.Id == self || message.Author.Bot || message.WebhookId is not null
            || message.Type is not (MessageType.Default or MessageType.Reply))
        {
            return;
        }

        var isDirect = message.GuildId is null;
        if (isDirect ? !_options.AnswerDirectMessages : !MentionParser.MentionsUser(message, self) || (_channels.Count > 0 && !_channels.Contains(message.ChannelId)))
        {
            return;
        }

        if (!_handled.TryAdd(message.Id))
        {
            LogDuplicate("message", message.Id);
            return;
        }

        var question = MentionParser.StripMention(message.Content ?? "", self);
        var decision = _cooldowns.Check(message.Author.Id, message.ChannelId);
        Track(AnswerMessageAsync(message, question, decision, _stopping));
    }

    private async Task AnswerMessageAsync(DiscordMessage message, string question, CooldownDecision decision, CancellationToken cancellationToken)
    {
        try
        {
            MessageCreateRequest reply;
            var reference = new MessageReference(message.Id);
            if (!decision.Allowed)
            {
                LogCooldown(message.Author.Id, message.ChannelId, decision.Notify);
                if (!decision.Notify)
                {
                    return;
                }

                reply = new MessageCreateRequest(ReplyFormatter.CooldownNotice(decision.RetryAfter), null, AllowedMentions.None, reference, SuppressNotifications);
            }
            else if (question.Length == 0)
            {
                reply = new MessageCreateRequest(ReplyFormatter.Help, null, AllowedMentions.None, reference);
            }
            else
            {
                var embed = await RunAnswerAsync(PrepareAsk(question, message.ChannelId, cancellationToken), cancellationToken).ConfigureAwait(false);
                reply = new MessageCreateRequest(null, [embed], AllowedMentions.None, reference);
            }

            await _rest.CreateMessageAsync(message.ChannelId, reply, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            LogReplyFailed(ex, "message", message.Id);
        }
    }

    private void OnInteraction(DiscordInteraction interaction)
    {
        if (interaction.Type != InteractionType.ApplicationCommand || interaction.Data is null)
        {
            return;
        }

        if (!_handled.TryAdd(interaction.Id))
        {
            LogDuplicate("interaction", interaction.Id);
            return;
        }

        var decision = interaction.Data.Name == "about"
            ? CooldownDecision.Allow
            : _cooldowns.Check(interaction.Invoker?.Id ?? 0, interaction.ChannelId ?? 0);
        Track(AnswerInteractionAsync(interaction, decision, _stopping));
    }

    private async Task AnswerInteractionAsync(DiscordInteraction interaction, CooldownDecision decision, CancellationToken cancellationToken)
    {
        try
        {
            if (!decision.Allowed)
            {
                LogCooldown(interaction.Invoker?.Id ?? 0, interaction.ChannelId ?? 0, decision.Notify);
                await RespondAsync(interaction, new InteractionCallbackData(
                    ReplyFormatter.CooldownNotice(decision.RetryAfter), null, AllowedMentions.None, MessageFlags.Ephemeral), cancellationToken).ConfigureAwait(false);
                return;
            }

            var data = interaction.Data!;
            Func<Embed>? work = data.Name switch
            {
                "ask" => PrepareAsk(StringOption(data, "question"), interaction.ChannelId, cancellationToken),
                "search" => () => Search(StringOption(data, "query"), cancellationToken),
                "about" => () => ReplyFormatter.FormatAbout(_answers.Stats, _answers.DocumentTitles),
                _ => null,
            };
            if (work is null)
            {
                await RespondAsync(interaction, new InteractionCallbackData(
                    "I don't know that command.", null, AllowedMentions.None, MessageFlags.Ephemeral), cancellationToken).ConfigureAwait(false);
                return;
            }

            var answer = RunAnswerAsync(work, cancellationToken);
            var deadline = Task.Delay(TimeSpan.FromMilliseconds(_options.DeferAfterMilliseconds), _time, cancellationToken);
            if (await Task.WhenAny(answer, deadline).ConfigureAwait(false) == answer)
            {
                await RespondAsync(interaction, Message(await answer.ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
                return;
            }

            LogDeferred(interaction.Id, _options.DeferAfterMilliseconds);
            await _rest.CreateInteractionResponseAsync(
                interaction.Id,
                interaction.Token,
                new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource),
                cancellationToken).ConfigureAwait(false);
            var embed = await answer.ConfigureAwait(false);
            await _rest.EditOriginalResponseAsync(
                interaction.ApplicationId,
                interaction.Token,
                new WebhookMessageEdit(null, [embed], AllowedMentions.None),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            LogReplyFailed(ex, "interaction", interaction.Id);
        }

        static InteractionCallbackData Message(Embed embed) => new(null, [embed], AllowedMentions.None);
    }

    private async Task<Embed> RunAnswerAsync(Func<Embed> work, CancellationToken cancellationToken)
    {
        await _answerSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _answerSlots.Release();
        }
    }

    private Task RespondAsync(DiscordInteraction interaction, InteractionCallbackData data, CancellationToken cancellationToken) =>
        _rest.CreateInteractionResponseAsync(
            interaction.Id,
            interaction.Token,
            new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, data),
            cancellationToken);

    /// <summary>
    /// Reads <paramref name="question"/> in its channel's context now, while the handlers still run in the order the
    /// gateway delivered the events, and returns the work that answers it.
    /// </summary>
    private Func<Embed> PrepareAsk(string question, ulong? channelId, CancellationToken cancellationToken)
    {
        var followUp = channelId is { } id ? _followUps.Resolve(id, question) : FollowUp.Standalone(question);
        if (followUp.IsRewritten)
        {
            LogFollowUp(channelId ?? 0);
        }

        return () => Ask(followUp, channelId ?? 0, cancellationToken);
    }

    private Embed Ask(FollowUp question, ulong channelId, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var answer = _answers.Ask(question.Resolved, cancellationToken);
        LogAnswered(channelId, answer.Answered, watch.Elapsed.TotalMilliseconds);
        return ReplyFormatter.FormatAnswer(answer, question);
    }

    private Embed Search(string query, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var result = _answers.Search(query, ReplyFormatter.SearchHitCount, cancellationToken);
            LogSearched(result.TotalHits, watch.Elapsed.TotalMilliseconds);
            return ReplyFormatter.FormatSearch(result);
        }
        catch (QuerySyntaxException ex)
        {
            return ReplyFormatter.FormatSearchError(query, ex.Message);
        }
    }

    private static string StringOption(InteractionData data, string name)
    {
        var options = data.Options ?? [];
        var option = options.FirstOrDefault(o => o.Name == name) ?? options.FirstOrDefault(o => o.Value is not null);
        return option?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString()?.Trim() ?? "" : option?.Value?.ToString() ?? "";
    }

    private async Task RegisterCommandsAsync(CancellationToken cancellationToken)
    {
        var application = ApplicationId;
        if (application == 0)
        {
            LogNoApplication();
            return;
        }

        try
        {
            await _rest.BulkOverwriteCommandsAsync(application, _options.GuildId, Commands, cancellationToken).ConfigureAwait(false);
            LogCommandsRegistered(Commands.Count, _options.GuildId is { } guild ? $"guild {guild}" : "globally");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is DiscordRestException or HttpRequestException or OperationCanceledException)
        {
            LogCommandsFailed(ex);
        }
    }

    private void Track(Task task)
    {
        _inFlight[task] = 0;
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered a question in channel {ChannelId} in {ElapsedMs:0} ms (answered: {Answered})")]
    private partial void LogAnswered(ulong channelId, bool answered, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read a question in channel {ChannelId} as a follow-up of the previous one")]
    private partial void LogFollowUp(ulong channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Searched: {TotalHits} hits in {ElapsedMs:0} ms")]
    private partial void LogSearched(int totalHits, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} in channel {ChannelId} is over the limit (notice sent: {Notified})")]
    private partial void LogCooldown(ulong userId, ulong channelId, bool notified);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a repeated {Kind} {Id}")]
    private partial void LogDuplicate(string kind, ulong id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {Id} deferred: the answer took over {DeferAfterMs} ms")]
    private partial void LogDeferred(ulong id, int deferAfterMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not reply to {Kind} {Id}")]
    private partial void LogReplyFailed(Exception exception, string kind, ulong id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} slash commands {Scope}")]
    private partial void LogCommandsRegistered(int count, string scope);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not register the slash commands")]
    private partial void LogCommandsFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "READY carried no application id; slash commands not registered")]
    private partial void LogNoApplication();
}
