using System.Text.Json;
using HistoryBot.Core;
using HistoryBot.Discord.Bot.Uploads;
using HistoryBot.Discord.Client.Api;
using HistoryBot.Discord.Client.Gateway;
using HistoryBot.Discord.Client.Rest;
using HistoryBot.Discord.Hosting;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord.Bot;

/// <summary>
/// The bot layer: routes gateway dispatches (READY, MESSAGE_CREATE, INTERACTION_CREATE) to the responders, which
/// answer on <see cref="AnswerWorkers"/> so the gateway read loop never waits for the (CPU-bound) core. Questions are
/// read as follow-ups of the previous question in the same channel or thread (see <see cref="FollowUpContexts"/>);
/// answers carry 👍/👎 buttons whose clicks <see cref="FeedbackResponder"/> records.
/// </summary>
internal sealed class DiscordBot : IGatewayDispatchHandler
{
    private readonly CancellationToken _stopping;
    private readonly BotActivity? _activity;
    private readonly InFlightReplies _inFlight;
    private readonly AnswerWorkers _workers;
    private readonly CommandRegistrar _registrar;
    private readonly MessageResponder _messages;
    private readonly InteractionResponder _interactions;
    private readonly FeedbackResponder _feedback;
    private readonly IReadOnlyList<ApplicationCommand> _commands;
    private long _userId;
    private long _applicationId;

    public DiscordBot(
        IAnswerService answers,
        DiscordRestClient rest,
        DiscordOptions options,
        QuestionLogging logging,
        TimeProvider time,
        ILogger<DiscordBot> logger,
        CancellationToken stopping,
        CorpusUploads? uploads = null,
        HttpClient? downloads = null,
        BotActivity? activity = null)
    {
        _stopping = stopping;
        _activity = activity;
        _inFlight = new InFlightReplies(time);
        _workers = new AnswerWorkers(options.MaxConcurrentAnswers);
        _registrar = new CommandRegistrar(rest, options.GuildId, logger);
        var handled = new RecentIds(20_000);
        var cooldowns = new CooldownTracker(
            TimeSpan.FromSeconds(options.UserCooldownSeconds),
            options.ChannelLimit,
            TimeSpan.FromSeconds(options.ChannelWindowSeconds),
            time);
        var followUps = new FollowUpContexts(options.FollowUpChannels, TimeSpan.FromMinutes(options.FollowUpIdleMinutes), time, answers.IsName);
        var answerer = new QuestionAnswerer(answers, followUps, logging, time, logger);
        _messages = new MessageResponder(options, rest, answerer, _workers, cooldowns, handled, logger);
        var corpus = options.Uploads.Enabled && uploads is not null && downloads is not null
            ? new CorpusResponder(options.Uploads, uploads, answers, rest, new AttachmentDownloader(downloads), time, logger)
            : null;
        _commands = corpus is null ? SlashCommands.All : [.. SlashCommands.All, CorpusCommand.Definition];
        _interactions = new InteractionResponder(options, rest, answerer, _workers, cooldowns, handled, time, logger, corpus);
        _feedback = new FeedbackResponder(rest, logging.Log, handled, logger);
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
                    Track(_messages.OnMessage(message, UserId, _stopping));
                }

                break;
            case "INTERACTION_CREATE":
                switch (DiscordJson.Deserialize<DiscordInteraction>(dispatch.Data))
                {
                    case { Type: InteractionType.ApplicationCommand } command:
                        Track(_interactions.OnCommand(command, _stopping));
                        break;
                    case { Type: InteractionType.MessageComponent } click:
                        Track(_feedback.OnClick(click, _stopping));
                        break;
                    default:
                        break;
                }

                break;
            default:
                break;
        }

        _activity?.Handled(dispatch.Sequence);
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) for answers still being sent.</summary>
    public Task DrainAsync(TimeSpan timeout) => _inFlight.DrainAsync(timeout);

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

        if (_registrar.TryStart())
        {
            Track(_registrar.RegisterAsync(ApplicationId, _commands, _stopping));
        }
    }

    private void Track(Task? reply)
    {
        if (reply is not null)
        {
            _inFlight.Track(reply);
            _activity?.Track(reply);
        }
    }
}
