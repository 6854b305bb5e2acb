namespace HistoryBot.Discord.Client.Api;

public sealed record DiscordUser(ulong Id, string? Username = null, bool Bot = false, string? GlobalName = null);

/// <summary>A guild member; in an interaction, <c>permissions</c> holds the member's permission bits in the channel, as a decimal string.</summary>
public sealed record GuildMember(DiscordUser? User, string? Permissions = null);

/// <summary>A file attached to a message or a slash command's ATTACHMENT option (in <c>resolved.attachments</c>).</summary>
public sealed record DiscordAttachment(ulong Id, string Filename, long Size, string Url, string? ContentType = null, string? ProxyUrl = null);

/// <summary>The objects a slash command's options refer to by id; only attachments are read here.</summary>
public sealed record InteractionResolved(IReadOnlyDictionary<string, DiscordAttachment>? Attachments = null);

/// <summary>Permission bits (a member's <c>permissions</c>, a command's <c>default_member_permissions</c>).</summary>
public static class DiscordPermissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageGuild = 1UL << 5;

    /// <summary>The bits of a decimal permission string; 0 when missing or malformed (no permission at all).</summary>
    public static ulong Parse(string? permissions) =>
        ulong.TryParse(permissions, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits) ? bits : 0;

    /// <summary>The decimal string Discord expects, e.g. "32" for <see cref="ManageGuild"/>.</summary>
    public static string Format(ulong permissions) => permissions.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The fields of a MESSAGE_CREATE the bot uses; everything else is ignored.</summary>
public sealed record DiscordMessage(
    ulong Id,
    ulong ChannelId,
    DiscordUser Author,
    string? Content = null,
    ulong? GuildId = null,
    ulong? WebhookId = null,
    int Type = 0,
    IReadOnlyList<DiscordUser>? Mentions = null);

public static class MessageType
{
    public const int Default = 0;
    public const int Reply = 19;
}

public static class InteractionType
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
}

/// <summary>The fields of an INTERACTION_CREATE the bot uses.</summary>
public sealed record DiscordInteraction(
    ulong Id,
    ulong ApplicationId,
    int Type,
    string Token,
    InteractionData? Data = null,
    ulong? GuildId = null,
    ulong? ChannelId = null,
    GuildMember? Member = null,
    DiscordUser? User = null)
{
    /// <summary>The invoking user: <c>member.user</c> in guilds, <c>user</c> in DMs.</summary>
    public DiscordUser? Invoker => Member?.User ?? User;
}

/// <summary>A slash command's <c>name</c> and <c>options</c>, or a component click's <c>custom_id</c> and <c>component_type</c>.</summary>
public sealed record InteractionData(
    string? Name = null,
    ulong? Id = null,
    int? Type = null,
    IReadOnlyList<InteractionOption>? Options = null,
    string? CustomId = null,
    int? ComponentType = null,
    InteractionResolved? Resolved = null);

/// <summary>A slash-command option: either a <c>value</c> or nested <c>options</c> (subcommands), never both.</summary>
public sealed record InteractionOption(
    string Name,
    int Type,
    System.Text.Json.JsonElement? Value = null,
    IReadOnlyList<InteractionOption>? Options = null);
