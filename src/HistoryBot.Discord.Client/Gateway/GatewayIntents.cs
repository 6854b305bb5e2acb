namespace HistoryBot.Discord.Client.Gateway;

/// <summary>The gateway intents this bot may ask for.</summary>
[Flags]
public enum GatewayIntents
{
    None = 0,
    Guilds = 1 << 0,
    GuildMessages = 1 << 9,
    DirectMessages = 1 << 12,

    /// <summary>Privileged: must also be enabled in the Developer Portal, or the gateway closes with 4014.</summary>
    MessageContent = 1 << 15,

    /// <summary>What mentions and slash commands need: 4609.</summary>
    Default = Guilds | GuildMessages | DirectMessages,
}
