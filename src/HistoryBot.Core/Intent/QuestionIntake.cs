using HistoryBot.Core.Answering;

namespace HistoryBot.Core.Intent;

/// <summary>What the intake made of a message: a question to answer (without its framing), or a reason not to.</summary>
/// <param name="Question">The question to answer: the message without greetings and framing.</param>
/// <param name="Decline">Why the message is not answered from the corpus; null for a question.</param>
internal sealed record Intake(string Question, DeclineReason? Decline = null, SmallTalkKind? SmallTalk = null, string? Language = null)
{
    /// <summary>Whether the message is a question about the corpus (possibly one it can't answer).</summary>
    public bool IsQuestion => Decline is null;
}

/// <summary>
/// The first stage of answering, before the question is analysed: an empty message, small talk and a question in
/// another language are told apart from a question about the corpus, and a question's framing ("I was wondering,
/// ...") is taken off. Needs no index: chat and Discord use it to keep conversation out of the follow-up context.
/// </summary>
internal static class QuestionIntake
{
    public static Intake Read(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Trim();
        if (!text.Any(char.IsLetterOrDigit))
        {
            return new Intake(text, DeclineReason.Empty);
        }

        if (SmallTalkDetector.Detect(text) is { } talk)
        {
            return new Intake(text, DeclineReason.SmallTalk, SmallTalk: talk);
        }

        if (LanguageDetector.Detect(text) is { IsEnglish: false } language)
        {
            return new Intake(text, DeclineReason.Language, Language: language.Language);
        }

        // "Hi there, who are you?" is small talk once the greeting is off; "Hi, when did Lenin die?" a question.
        var question = QuestionFraming.Strip(text);
        return SmallTalkDetector.Detect(question) is { } framedTalk
            ? new Intake(text, DeclineReason.SmallTalk, SmallTalk: framedTalk)
            : new Intake(question);
    }
}
