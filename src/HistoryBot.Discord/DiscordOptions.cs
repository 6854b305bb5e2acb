using System.Globalization;
using HistoryBot.Discord.Client.Gateway;
using Microsoft.Extensions.Configuration;

namespace HistoryBot.Discord;

/// <summary>
/// The bot's settings, bound from the configuration section <c>Discord</c> (see <see cref="FromConfiguration"/>).
/// <see cref="ToString"/> never shows the token.
/// </summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";
    public const string TokenKey = "Discord:Token";
    public const string TokenEnvironmentVariable = "HISTORYBOT_Discord__Token";
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The bot token from the Developer Portal (without the "Bot " prefix). Required; never logged.</summary>
    public string Token { get; set; } = "";

    /// <summary>When set, slash commands are registered in this guild only (they appear at once); otherwise globally.</summary>
    public ulong? GuildId { get; set; }

    /// <summary>When not empty, mentions are answered only in these channels.</summary>
    public IReadOnlyList<ulong> ChannelIds { get; set; } = [];

    /// <summary>Answer direct messages (no mention needed there).</summary>
    public bool AnswerDirectMessages { get; set; }

    /// <summary>Ask for the privileged MESSAGE_CONTENT intent. Not needed for mentions, DMs or slash commands.</summary>
    public bool MessageContentIntent { get; set; }

    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The gateway URL; by default the one <c>GET /gateway/bot</c> returns.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Total shards; by default what <c>GET /gateway/bot</c> recommends.</summary>
    public int? ShardCount { get; set; }

    /// <summary>The shards this process runs; by default all of them.</summary>
    public IReadOnlyList<int> ShardIds { get; set; } = [];

    /// <summary>Seconds a user waits between questions (0: no cooldown).</summary>
    public double UserCooldownSeconds { get; set; } = 10;

    /// <summary>At most this many answers per channel per <see cref="ChannelWindowSeconds"/> (0: no limit).</summary>
    public int ChannelLimit { get; set; } = 10;

    public double ChannelWindowSeconds { get; set; } = 60;

    /// <summary>How often a REST call that got a 5xx is retried (with backoff) before giving up.</summary>
    public int MaxServerErrorRetries { get; set; } = 3;

    /// <summary>How often a REST call that got a 429 is retried (after <c>retry_after</c>) before giving up.</summary>
    public int MaxRateLimitRetries { get; set; } = 5;

    /// <summary>A slash command whose answer takes longer than this is deferred (callback type 5) and edited later.</summary>
    public int DeferAfterMilliseconds { get; set; } = 1500;

    /// <summary>Follow-up context is kept for at most this many channels (threads count as channels); 0 turns follow-ups off.</summary>
    public int FollowUpChannels { get; set; } = 1000;

    /// <summary>A channel's follow-up context is forgotten after this long without a question there.</summary>
    public double FollowUpIdleMinutes { get; set; } = 30;

    public GatewayIntents Intents => MessageContentIntent ? GatewayIntents.Default | GatewayIntents.MessageContent : GatewayIntents.Default;

    /// <summary>Reads the <c>Discord</c> section. Values that do not parse are reported by <see cref="Validate"/>.</summary>
    public static DiscordOptions FromConfiguration(IConfiguration configuration, out IReadOnlyList<string> parseErrors)
    {
        var section = configuration.GetSection(SectionName);
        var errors = new List<string>();
        var options = new DiscordOptions
        {
            Token = section["Token"]?.Trim() ?? "",
            GuildId = ParseOptional<ulong>(section, "GuildId", ulong.TryParse, errors),
            ChannelIds = ParseList<ulong>(section, "ChannelIds", ulong.TryParse, errors),
            AnswerDirectMessages = ParseOptional<bool>(section, "AnswerDirectMessages", TryParseBool, errors) ?? false,
            MessageContentIntent = ParseOptional<bool>(section, "MessageContentIntent", TryParseBool, errors) ?? false,
            ApiBaseUrl = Blank(section["ApiBaseUrl"]) ?? DefaultApiBaseUrl,
            GatewayUrl = Blank(section["GatewayUrl"]),
            ShardCount = ParseOptional<int>(section, "ShardCount", int.TryParse, errors),
            ShardIds = ParseList<int>(section, "ShardIds", int.TryParse, errors),
        };
        options.UserCooldownSeconds = ParseOptional<double>(section, "UserCooldownSeconds", double.TryParse, errors) ?? options.UserCooldownSeconds;
        options.ChannelLimit = ParseOptional<int>(section, "ChannelLimit", int.TryParse, errors) ?? options.ChannelLimit;
        options.ChannelWindowSeconds = ParseOptional<double>(section, "ChannelWindowSeconds", double.TryParse, errors) ?? options.ChannelWindowSeconds;
        options.MaxServerErrorRetries = ParseOptional<int>(section, "MaxServerErrorRetries", int.TryParse, errors) ?? options.MaxServerErrorRetries;
        options.MaxRateLimitRetries = ParseOptional<int>(section, "MaxRateLimitRetries", int.TryParse, errors) ?? options.MaxRateLimitRetries;
        options.DeferAfterMilliseconds = ParseOptional<int>(section, "DeferAfterMilliseconds", int.TryParse, errors) ?? options.DeferAfterMilliseconds;
        options.FollowUpChannels = ParseOptional<int>(section, "FollowUpChannels", int.TryParse, errors) ?? options.FollowUpChannels;
        options.FollowUpIdleMinutes = ParseOptional<double>(section, "FollowUpIdleMinutes", double.TryParse, errors) ?? options.FollowUpIdleMinutes;
        parseErrors = errors;
        return options;
    }

    /// <summary>One line per problem; empty when the options are usable. The token's value is never included.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Token))
        {
            errors.Add($"The Discord bot token is missing: set {TokenKey} in appsettings.json or the environment variable {TokenEnvironmentVariable}.");
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            errors.Add("Discord:ApiBaseUrl must be an absolute http(s) URL, e.g. https://discord.com/api/v10.");
        }

        if (GatewayUrl is not null && (!Uri.TryCreate(GatewayUrl, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("ws" or "wss")))
        {
            errors.Add("Discord:GatewayUrl must be an absolute ws:// or wss:// URL, or unset.");
        }

        if (ShardCount is < 1)
        {
            errors.Add("Discord:ShardCount must be at least 1, or unset.");
        }

        if (ShardIds.Any(id => id < 0 || (ShardCount is { } count && id >= count)))
        {
            errors.Add("Discord:ShardIds must lie in [0, Discord:ShardCount).");
        }

        if (UserCooldownSeconds < 0 || ChannelLimit < 0 || ChannelWindowSeconds <= 0)
        {
            errors.Add("Discord:UserCooldownSeconds and Discord:ChannelLimit must be ≥ 0, Discord:ChannelWindowSeconds > 0.");
        }

        if (MaxServerErrorRetries is < 0 or > 10 || MaxRateLimitRetries is < 0 or > 20)
        {
            errors.Add("Discord:MaxServerErrorRetries must be in [0, 10] and Discord:MaxRateLimitRetries in [0, 20].");
        }

        if (DeferAfterMilliseconds is < 0 or > 2500)
        {
            errors.Add("Discord:DeferAfterMilliseconds must be in [0, 2500]: interactions must be answered within 3 s.");
        }

        if (FollowUpChannels is < 0 or > 1_000_000 || FollowUpIdleMinutes is not (> 0 and <= 10_080))
        {
            errors.Add("Discord:FollowUpChannels must be in [0, 1000000] and Discord:FollowUpIdleMinutes in (0, 10080].");
        }

        return errors;
    }

    public override string ToString() =>
        $"DiscordOptions {{ Token = {(Token.Length > 0 ? "(set)" : "(missing)")}, ApiBaseUrl = {ApiBaseUrl}, GuildId = {GuildId} }}";

    private delegate bool TryParse<T>(string value, NumberStyles styles, IFormatProvider provider, out T result);

    private static bool TryParseBool(string value, NumberStyles styles, IFormatProvider provider, out bool result) =>
        bool.TryParse(value, out result);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static T? ParseOptional<T>(IConfigurationSection section, string key, TryParse<T> parse, List<string> errors)
        where T : struct
    {
        var value = Blank(section[key]);
        if (value is null)
        {
            return null;
        }

        if (parse(value, NumberStyles.Float & ~NumberStyles.AllowExponent | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        errors.Add($"Discord:{key} has an invalid value.");
        return null;
    }

    /// <summary>A list either as children (<c>Discord:ChannelIds:0</c>) or as one comma-separated value.</summary>
    private static List<T> ParseList<T>(IConfigurationSection section, string key, TryParse<T> parse, List<string> errors)
    {
        var list = section.GetSection(key);
        var values = list.GetChildren().Select(c => c.Value).Append(list.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var result = new List<T>();
        foreach (var value in values)
        {
            if (parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                result.Add(parsed);
            }
            else
            {
                errors.Add($"Discord:{key} has an invalid entry.");
            }
        }

        return result;
    }
}
