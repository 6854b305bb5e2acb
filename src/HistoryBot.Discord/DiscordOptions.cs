using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using HistoryBot.Discord.Client.Gateway;

namespace HistoryBot.Discord;

/// <summary>
/// The bot's settings: section <c>Discord</c>, bound and validated once at start-up by <see cref="DiscordOptionsLoader"/>.
/// Plain settable properties with defaults, so code can also build them directly. <see cref="ToString"/> never shows the token.
/// </summary>
public sealed class DiscordOptions : IValidatableObject
{
    public const string SectionName = "Discord";
    public const string TokenKey = "Discord:Token";
    public const string TokenEnvironmentVariable = "HISTORYBOT_Discord__Token";
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The bot token from the Developer Portal (without the "Bot " prefix). Required; never logged.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = MissingToken)]
    public string Token { get; set; } = "";

    /// <summary>When set, slash commands are registered in this guild only (they appear at once); otherwise globally.</summary>
    [Description("a Discord id (a whole number)")]
    public ulong? GuildId { get; set; }

    /// <summary>When not empty, mentions are answered only in these channels.</summary>
    [Description("a Discord id (a whole number)")]
    public IReadOnlyList<ulong> ChannelIds { get; set; } = [];

    /// <summary>Answer direct messages (no mention needed there).</summary>
    public bool AnswerDirectMessages { get; set; }

    /// <summary>Ask for the privileged MESSAGE_CONTENT intent. Not needed for mentions, DMs or slash commands.</summary>
    public bool MessageContentIntent { get; set; }

    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The gateway URL; by default the one <c>GET /gateway/bot</c> returns.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Total shards; by default what <c>GET /gateway/bot</c> recommends.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Discord:{0} must be at least 1, or unset.")]
    public int? ShardCount { get; set; }

    /// <summary>The shards this process runs; by default all of them.</summary>
    public IReadOnlyList<int> ShardIds { get; set; } = [];

    /// <summary>Seconds a user waits between questions (0: no cooldown).</summary>
    [Range(0d, 86_400d, ErrorMessage = "Discord:{0} must be a number of seconds in [0, 86400] (0: no cooldown).")]
    public double UserCooldownSeconds { get; set; } = 10;

    /// <summary>At most this many answers per channel per <see cref="ChannelWindowSeconds"/> (0: no limit).</summary>
    [Range(0, 1_000_000, ErrorMessage = "Discord:{0} must be a whole number in [0, 1000000] (0: no limit).")]
    public int ChannelLimit { get; set; } = 10;

    [Range(0d, 86_400d, MinimumIsExclusive = true, ErrorMessage = "Discord:{0} must be a number of seconds in (0, 86400].")]
    public double ChannelWindowSeconds { get; set; } = 60;

    /// <summary>How often a REST call that got a 5xx is retried (with backoff) before giving up.</summary>
    [Range(0, 10, ErrorMessage = "Discord:{0} must be a whole number in [0, 10].")]
    public int MaxServerErrorRetries { get; set; } = 3;

    /// <summary>How often a REST call that got a 429 is retried (after <c>retry_after</c>) before giving up.</summary>
    [Range(0, 20, ErrorMessage = "Discord:{0} must be a whole number in [0, 20].")]
    public int MaxRateLimitRetries { get; set; } = 5;

    /// <summary>A slash command whose answer takes longer than this is deferred (callback type 5) and edited later.</summary>
    [Range(0, 2500, ErrorMessage = "Discord:{0} must be in [0, 2500]: interactions must be answered within 3 s.")]
    public int DeferAfterMilliseconds { get; set; } = 1500;

    /// <summary>Follow-up context is kept for at most this many channels (threads count as channels); 0 turns follow-ups off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Discord:{0} must be a whole number in [0, 1000000] (0: no follow-ups).")]
    public int FollowUpChannels { get; set; } = 1000;

    /// <summary>A channel's follow-up context is forgotten after this long without a question there.</summary>
    [Range(0d, 10_080d, MinimumIsExclusive = true, ErrorMessage = "Discord:{0} must be a number of minutes in (0, 10080].")]
    public double FollowUpIdleMinutes { get; set; } = 30;

    /// <summary>How many answers are worked on at once (the rest wait their turn); by default two per processor.</summary>
    [Range(1, 256, ErrorMessage = "Discord:{0} must be a whole number in [1, 256].")]
    public int MaxConcurrentAnswers { get; set; } = Math.Min(256, Environment.ProcessorCount * 2);

    /// <summary>The <c>/corpus</c> command (section <c>Discord:Uploads</c>).</summary>
    public UploadOptions Uploads { get; set; } = new();

    public GatewayIntents Intents => MessageContentIntent ? GatewayIntents.Default | GatewayIntents.MessageContent : GatewayIntents.Default;

    internal const string MissingToken =
        $"The Discord bot token is missing: set {TokenKey} in appsettings.json or the environment variable {TokenEnvironmentVariable}.";

    /// <summary>One line per problem, each naming its key; empty when the options are usable. Never includes the token.</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? $"{SectionName}:{r.MemberNames.FirstOrDefault()} is not valid.")];
    }

    /// <summary>The checks that span several values or need more than a range (called by <see cref="Validate"/>).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Token.Length > 0 && !DiscordTokens.IsPlausible(Token))
        {
            yield return new ValidationResult(
                $"{TokenKey} holds characters a bot token never has (spaces, control or non-ASCII characters): copy it again from the Developer Portal's Bot tab.",
                [nameof(Token)]);
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Discord:ApiBaseUrl must be an absolute http(s) URL, e.g. https://discord.com/api/v10.", [nameof(ApiBaseUrl)]);
        }

        if (GatewayUrl is not null && (!Uri.TryCreate(GatewayUrl, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("ws" or "wss")))
        {
            yield return new ValidationResult("Discord:GatewayUrl must be an absolute ws:// or wss:// URL, or unset.", [nameof(GatewayUrl)]);
        }

        if (ShardIds.Any(id => id < 0 || (ShardCount is { } count && id >= count)))
        {
            yield return new ValidationResult("Discord:ShardIds must lie in [0, Discord:ShardCount).", [nameof(ShardIds)]);
        }
    }

    public override string ToString() =>
        $"DiscordOptions {{ Token = {(Token.Length > 0 ? "(set)" : "(missing)")}, ApiBaseUrl = {ApiBaseUrl}, GuildId = {GuildId} }}";
}
