namespace HistoryBot.Core.Answering;

/// <summary>Why the bot quoted nothing: each adapter words it for a person, and `ask --json` names it in "reason".</summary>
public enum DeclineReason
{
    /// <summary>A real question the corpus has no good enough answer to.</summary>
    NotFound,

    /// <summary>Greetings, thanks, "who are you", "help": conversation, not a question about the corpus.</summary>
    SmallTalk,

    /// <summary>The question is not in English (the only language the bot reads).</summary>
    Language,

    /// <summary>Nothing to look up: no words, or only question words ("what is it?").</summary>
    Empty,
}

/// <summary>The kind of small talk, so a reply can fit it ("You're welcome!" to thanks).</summary>
public enum SmallTalkKind
{
    Greeting,
    Thanks,
    Farewell,
    Acknowledgement,

    /// <summary>"Who are you?", "What can you do?", "help".</summary>
    About,
}

/// <summary>The names of <see cref="DeclineReason"/> in the `ask --json` contract.</summary>
public static class DeclineReasons
{
    public static string JsonName(DeclineReason reason) => reason switch
    {
        DeclineReason.SmallTalk => "smalltalk",
        DeclineReason.Language => "language",
        DeclineReason.Empty => "empty",
        _ => "not-found",
    };
}
