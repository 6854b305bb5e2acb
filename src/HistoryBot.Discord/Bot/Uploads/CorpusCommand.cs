using System.Text.Json;
using HistoryBot.Discord.Client.Api;

namespace HistoryBot.Discord.Bot.Uploads;

/// <summary>A <c>/corpus</c> invocation as read from the interaction: the subcommand and its options.</summary>
internal sealed record CorpusRequest(string Subcommand, DiscordAttachment? File, string? Title, string? Name);

/// <summary>
/// The <c>/corpus</c> command: <c>add</c> (an attachment and an optional title), <c>list</c> and <c>remove</c> (a name).
/// Registered with <c>default_member_permissions</c> "32" (Manage Server), so ordinary members don't see it; the bot
/// checks the permission itself as well, as a server can change who sees a command.
/// </summary>
internal static class CorpusCommand
{
    public const string Name = "corpus";
    public const string Add = "add";
    public const string List = "list";
    public const string Remove = "remove";

    /// <summary>The permissions that may manage a server's uploads: Manage Server, or Administrator (which implies it).</summary>
    public const ulong RequiredPermissions = DiscordPermissions.ManageGuild | DiscordPermissions.Administrator;

    public static ApplicationCommand Definition { get; } = new(
        Name,
        "Add, list or remove this server's own documents.",
        Options:
        [
            new(ApplicationCommandOptionType.SubCommand, Add, "Add a document (text, Markdown, HTML, PDF, Word, EPUB) for this server.", Options:
            [
                new(ApplicationCommandOptionType.Attachment, "file", "The document to add.", Required: true),
                new(ApplicationCommandOptionType.String, "title", "A title for it (else its own or its file name).", MaxLength: 80),
            ]),
            new(ApplicationCommandOptionType.SubCommand, List, "The documents this server's questions are answered from."),
            new(ApplicationCommandOptionType.SubCommand, Remove, "Remove a document this server added.", Options:
            [
                new(ApplicationCommandOptionType.String, "name", "Its file name or title, as /corpus list shows it.", Required: true, MaxLength: 200),
            ]),
        ],
        DefaultMemberPermissions: DiscordPermissions.Format(DiscordPermissions.ManageGuild),
        DmPermission: false);

    /// <summary>Whether the invoking member may manage uploads (their permission bits in the channel).</summary>
    public static bool MayManage(DiscordInteraction interaction) =>
        (DiscordPermissions.Parse(interaction.Member?.Permissions) & RequiredPermissions) != 0;

    /// <summary>The subcommand with its options; null when the interaction names none.</summary>
    public static CorpusRequest? Read(InteractionData data)
    {
        if (data.Options is not [{ Type: ApplicationCommandOptionType.SubCommand } subcommand, ..])
        {
            return null;
        }

        var options = subcommand.Options ?? [];
        DiscordAttachment? file = null;
        if (Value(options, "file") is { } attachmentId)
        {
            data.Resolved?.Attachments?.TryGetValue(attachmentId, out file);
        }

        return new CorpusRequest(subcommand.Name, file, Value(options, "title"), Value(options, "name"));
    }

    private static string? Value(IReadOnlyList<InteractionOption> options, string name) =>
        options.FirstOrDefault(o => o.Name == name)?.Value is { } value
            ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString())?.Trim()
            : null;
}
