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
    int? Flags = null,
    IReadOnlyList<MessageComponent>? Components = null);

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

    /// <summary>"Thinking…": the reply comes later by editing the original response; with flags 64 only the user sees it.</summary>
    public const int DeferredChannelMessageWithSource = 5;
}

/// <summary>
/// A message component: an action row (<c>type</c> 1) holding up to five buttons (<c>type</c> 2). A button with a
/// <c>custom_id</c> sends an INTERACTION_CREATE of type 3 when clicked; <c>custom_id</c> is at most 100 characters.
/// </summary>
public sealed record MessageComponent(
    int Type,
    IReadOnlyList<MessageComponent>? Components = null,
    int? Style = null,
    string? Label = null,
    ComponentEmoji? Emoji = null,
    string? CustomId = null,
    bool? Disabled = null)
{
    public const int MaxCustomIdLength = 100;

    public static MessageComponent ActionRow(params IReadOnlyList<MessageComponent> components) => new(ComponentType.ActionRow, components);

    public static MessageComponent Button(int style, string customId, string? label = null, string? emoji = null) =>
        customId.Length is > 0 and <= MaxCustomIdLength
            ? new(ComponentType.Button, Style: style, Label: label, Emoji: emoji is null ? null : new ComponentEmoji(emoji), CustomId: customId)
            : throw new ArgumentException($"A custom_id has 1 to {MaxCustomIdLength} characters.", nameof(customId));
}

/// <summary>A button's emoji; for a Unicode emoji only the name (the emoji itself).</summary>
public sealed record ComponentEmoji(string Name);

public static class ComponentType
{
    public const int ActionRow = 1;
    public const int Button = 2;
}

public static class ButtonStyle
{
    public const int Primary = 1;
    public const int Secondary = 2;
    public const int Success = 3;
    public const int Danger = 4;
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
    int? Flags = null,
    IReadOnlyList<MessageComponent>? Components = null);

/// <summary>Body of <c>PATCH /webhooks/{application}/{token}/messages/@original</c>.</summary>
public sealed record WebhookMessageEdit(
    string? Content,
    IReadOnlyList<Embed>? Embeds,
    AllowedMentions AllowedMentions,
    IReadOnlyList<MessageComponent>? Components = null);

/// <param name="DefaultMemberPermissions">Who sees the command by default: permission bits as a decimal string
/// (<see cref="DiscordPermissions.Format"/>); null for everyone.</param>
/// <param name="DmPermission">False to hide a global command in DMs; null leaves Discord's default.</param>
public sealed record ApplicationCommand(
    string Name,
    string Description,
    int Type = 1,
    IReadOnlyList<ApplicationCommandOption>? Options = null,
    string? DefaultMemberPermissions = null,
    bool? DmPermission = null);

/// <summary>An option of a command, or a subcommand (<see cref="ApplicationCommandOptionType.SubCommand"/>) with its own options.</summary>
public sealed record ApplicationCommandOption(
    int Type,
    string Name,
    string Description,
    bool Required = false,
    int? MaxLength = null,
    IReadOnlyList<ApplicationCommandOption>? Options = null);

public static class ApplicationCommandOptionType
{
    public const int SubCommand = 1;
    public const int String = 3;
    public const int Attachment = 11;
}

/// <summary>A JSON error body: <c>{code, message}</c>; a 429 adds <c>retry_after</c> and <c>global</c>.</summary>
public sealed record DiscordErrorBody(int Code = 0, string? Message = null, double? RetryAfter = null, bool Global = false);
