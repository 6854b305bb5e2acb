namespace HistoryBot.QuestionLog;

/// <summary>
/// One answered (or declined) question as the log keeps it.
/// </summary>
/// <param name="Time">When it was asked (stored in UTC).</param>
/// <param name="Source">Who asked: <c>discord</c>, <c>chat</c>, <c>ask</c>, <c>eval</c> or <c>bench</c>.</param>
/// <param name="Question">The question as typed.</param>
/// <param name="ResolvedQuestion">The standalone question a follow-up was read as, else null.</param>
/// <param name="Answered">False when the bot declined.</param>
/// <param name="Quote">The quoted text, null when declined.</param>
/// <param name="Document">The quote's document.</param>
/// <param name="Section">The quote's section, null for text before the first heading.</param>
/// <param name="Score">The answer's confidence in [0, 1].</param>
/// <param name="RetrievalMode">hybrid or lexical.</param>
/// <param name="ElapsedMs">Time to answer.</param>
/// <param name="GuildId">Discord guild (null in DMs and outside Discord).</param>
/// <param name="ChannelId">Discord channel.</param>
/// <param name="UserId">Who asked; stored only when <c>Log:StoreUserIds</c> is true (else as a salted hash).</param>
public sealed record QuestionLogEntry(
    DateTimeOffset Time,
    string Source,
    string Question,
    string? ResolvedQuestion,
    bool Answered,
    string? Quote,
    string? Document,
    string? Section,
    double? Score,
    string RetrievalMode,
    double ElapsedMs,
    ulong? GuildId = null,
    ulong? ChannelId = null,
    ulong? UserId = null);
