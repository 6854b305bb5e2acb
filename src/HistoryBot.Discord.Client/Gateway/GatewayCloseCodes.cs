namespace HistoryBot.Discord.Client.Gateway;

/// <summary>What to do after the gateway connection ended.</summary>
public enum GatewayCloseAction
{
    /// <summary>Reconnect on the resume URL and RESUME the session.</summary>
    Resume,

    /// <summary>Reconnect and IDENTIFY a new session.</summary>
    Reidentify,

    /// <summary>Stop: retrying cannot help until the configuration changes.</summary>
    Fatal,
}

/// <summary>The close-code decision table of the gateway docs, and what to tell the operator for the fatal ones.</summary>
public static class GatewayCloseCodes
{
    public const int Normal = 1000;
    public const int GoingAway = 1001;
    public const int UnknownError = 4000;
    public const int AuthenticationFailed = 4004;
    public const int InvalidSeq = 4007;
    public const int SessionTimedOut = 4009;
    public const int InvalidShard = 4010;
    public const int ShardingRequired = 4011;
    public const int InvalidApiVersion = 4012;
    public const int InvalidIntents = 4013;
    public const int DisallowedIntents = 4014;

    /// <summary>Classifies a close code; null means the connection dropped without a close frame.</summary>
    public static GatewayCloseAction Classify(int? closeCode) => closeCode switch
    {
        null => GatewayCloseAction.Resume,
        AuthenticationFailed or InvalidShard or ShardingRequired or InvalidApiVersion or InvalidIntents or DisallowedIntents =>
            GatewayCloseAction.Fatal,
        InvalidSeq or SessionTimedOut => GatewayCloseAction.Reidentify,

        // Everything else, 1000/1001 from the server included, is worth a RESUME: if the session is gone after all,
        // the gateway answers op 9 and the shard identifies afresh.
        _ => GatewayCloseAction.Resume,
    };

    /// <summary>A one-line explanation of a fatal close code that says what to fix.</summary>
    public static string Describe(int closeCode) => closeCode switch
    {
        AuthenticationFailed =>
            "Discord rejected the bot token (gateway close code 4004): check Discord:Token (environment variable HISTORYBOT_Discord__Token).",
        InvalidShard =>
            "Discord rejected the shard (gateway close code 4010): check Discord:ShardIds and Discord:ShardCount, or leave them unset.",
        ShardingRequired =>
            "Discord requires more shards (gateway close code 4011): raise Discord:ShardCount, or leave it unset to use Discord's recommendation.",
        InvalidApiVersion =>
            "Discord rejected the gateway API version (gateway close code 4012): check Discord:GatewayUrl and Discord:ApiBaseUrl (v10).",
        InvalidIntents =>
            "Discord rejected the intents (gateway close code 4013): this is a bug in the bot, please report it.",
        DisallowedIntents =>
            "Discord refused a privileged intent (gateway close code 4014): enable the Message Content intent for the bot in the Developer Portal (Bot > Privileged Gateway Intents), or set Discord:MessageContentIntent to false.",
        _ => $"The Discord gateway closed the connection with code {closeCode}.",
    };
}
