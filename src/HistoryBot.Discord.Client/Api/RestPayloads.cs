namespace HistoryBot.Discord.Client.Api;

public sealed record GatewayBotResponse(string Url, int Shards, SessionStartLimit? SessionStartLimit);

public sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);

/// <summary><c>allowed_mentions</c>; an empty <see cref="Parse"/> list means nothing in the message can ping anyone.</summary>
public sealed record AllowedMentions(IReadOnlyList<string> Parse, bool RepliedUser = false)
{
    public static AllowedMentions None { get; } = new([], false);
}

public sealed record MessageReference(ulong MessageId, bool FailIfNotExists = false);

public sealed record MessageCreateRequest(
    string? Content,
    IReadOnlyList<Embed>? Embeds,
    AllowedMentions AllowedMentions,
    MessageReference? MessageReference = null,
    int? Flags = null);

public sealed record Embed(
    string? Title = null,
    string? Description = null,
    IReadOnlyList<EmbedField>? Fields = null,
    EmbedFooter? Footer = null,
    int? Color = null);

public sealed record EmbedField(string Name, string Value, bool Inline = false);

public sealed record EmbedFooter(string Text);

public static class InteractionCallbackType
{
    public const int ChannelMessageWithSource = 4;
    public const int DeferredChannelMessageWithSource = 5;
}

public static class MessageFlags
{
    public const int Ephemeral = 1 << 6;
}

public sealed record InteractionResponse(int Type, InteractionCallbackData? Data = null);

public sealed record InteractionCallbackData(
    string? Content = null,
    IReadOnlyList<Embed>? Embeds = null,
    AllowedMentions? AllowedMentions = null,
    int? Flags = null);

/// <summary>Body of <c>PATCH /webhooks/{application}/{token}/messages/@original</c>.</summary>
public sealed record WebhookMessageEdit(
    string? Content,
    IReadOnlyList<Embed>? Embeds,
    AllowedMentions AllowedMentions);

public sealed record ApplicationCommand(
    string Name,
    string Description,
    int Type = 1,
    IReadOnlyList<ApplicationCommandOption>? Options = null);

public sealed record ApplicationCommandOption(
    int Type,
    string Name,
    string Description,
    bool Required = false,
    int? MaxLength = null);

public static class ApplicationCommandOptionType
{
    public const int String = 3;
}

/// <summary>A JSON error body: <c>{code, message}</c>; a 429 adds <c>retry_after</c> and <c>global</c>.</summary>
public sealed record DiscordErrorBody(int Code = 0, string? Message = null, double? RetryAfter = null, bool Global = false);
