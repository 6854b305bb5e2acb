using System.Text.RegularExpressions;
using HistoryBot.Core.Intent;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Conversation;

/// <summary>
/// Turns a follow-up question into a standalone one using the previous turn: a pronoun ("When did he die?") takes the
/// previous question's subject, and "What about Trotsky?" reuses the previous question with the new subject. Only the
/// last question counts: one with a topic of its own but no name ends the context ("Why?" does not). Names typed in
/// lower case ("what about trotsky?") are recognised with <paramref name="isName"/>, the corpus's own way of writing a
/// word (see <c>IAnswerService.IsName</c>).
/// Small talk, questions in other languages and empty messages neither use nor change the context.
/// One instance per conversation (a console chat, a Discord channel); not thread-safe.
/// </summary>
public sealed partial class FollowUpResolver(Func<string, bool>? isName = null)
{
    private string? _previousQuestion;
    private string? _previousSubject;
    private bool _previousSubjectIsThing;
    private string? _answerPerson;

    /// <summary>The standalone form of <paramref name="question"/>, or the question itself when it needs no context.</summary>
    public string Resolve(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var trimmed = question.Trim();
        if (_previousSubject is null || !QuestionIntake.Read(trimmed).IsQuestion)
        {
            return trimmed;
        }

        var about = WhatAbout().Match(trimmed);
        if (!about.Success && AndSomething().Match(trimmed) is { Success: true } and
            && char.IsUpper(NameCasing.Restore(and.Groups["subject"].Value.Trim(), isName)[0]))
        {
            // "and trotsky?": "And" and a name, in whatever case it was typed.
            about = and;
        }

        if (about.Success && _previousQuestion is not null)
        {
            var newSubject = NameCasing.Restore(about.Groups["subject"].Value.Trim(), isName);
            return ReplaceSubject(_previousQuestion, _previousSubject, newSubject);
        }

        if (English.Subject(NameCasing.Restore(trimmed, isName)) is null && English.HasPronoun(trimmed))
        {
            if (_previousSubjectIsThing && English.HasPersonalPronoun(trimmed))
            {
                // "When did he die?" after "Who led the Committee of Public Safety?": "he" is not the committee but
                // the person the answer named ("... was led by Robespierre"), when it named one.
                return _answerPerson is null ? trimmed : English.ReplacePronouns(trimmed, _answerPerson);
            }

            return English.ReplacePronouns(trimmed, _previousSubject);
        }

        return trimmed;
    }

    /// <summary>
    /// Records the standalone question just answered, so the next turn can refer back to it; a question that names no
    /// one ends the context (a follow-up never reaches past the last question). Small talk is not a question: it leaves
    /// the context as it was.
    /// </summary>
    public void Remember(string resolvedQuestion)
    {
        ArgumentNullException.ThrowIfNull(resolvedQuestion);
        if (!QuestionIntake.Read(resolvedQuestion).IsQuestion)
        {
            return;
        }

        var cased = NameCasing.Restore(resolvedQuestion.Trim(), isName);
        var subject = English.Subject(cased);
        if (subject is null && !HasTopic(cased))
        {
            // "Why?" or "And then?" goes on with the same subject: it is not a new question that names no one.
            return;
        }

        _previousSubject = subject;
        _previousSubjectIsThing = subject is not null && English.NamesAThing(cased, subject);
        _previousQuestion = subject is null ? null : cased;
        _answerPerson = null;
    }

    /// <summary>
    /// Records the quote that answered <paramref name="resolvedQuestion"/> (ignored unless that is still the question
    /// remembered last). When the question was about a thing ("Who led the Committee of Public Safety?"), the first name
    /// the quote adds ("... was led by Robespierre") is whom "he" or "she" stands for next.
    /// </summary>
    public void RememberAnswer(string resolvedQuestion, string? quote)
    {
        ArgumentNullException.ThrowIfNull(resolvedQuestion);
        if (quote is not null && _previousSubjectIsThing && NameCasing.Restore(resolvedQuestion.Trim(), isName) == _previousQuestion)
        {
            _answerPerson = English.FirstNewName(quote, resolvedQuestion);
        }
    }

    /// <summary>Words that carry no topic of their own in a short follow-up ("Why not?", "And then what?").</summary>
    private static readonly HashSet<string> NoTopic = new(
        English.QuestionStopWords.Concat(["the", "and", "that", "this", "then", "not", "so", "really", "exactly", "else", "more", "also", "for", "with", "there", "them", "they", "their", "it", "its", "that's", "after"]),
        StringComparer.Ordinal);

    private static bool HasTopic(string question) => LanguageDetector.Words(question).Any(w => w.Length > 2 && !NoTopic.Contains(w));

    private static string ReplaceSubject(string question, string oldSubject, string newSubject)
    {
        var index = question.IndexOf(oldSubject, StringComparison.Ordinal);
        return index < 0 ? $"{question} {newSubject}" : question[..index] + newSubject + question[(index + oldSubject.Length)..];
    }

    [GeneratedRegex(@"^(and\s+)?(what|how)\s+about\s+(?<subject>[^?]+)\??$|^and\s+(?<subject>\p{Lu}[^?]*)\?$", RegexOptions.IgnoreCase)]
    private static partial Regex WhatAbout();

    [GeneratedRegex(@"^and\s+(?<subject>\p{L}[^?]*)\?$", RegexOptions.IgnoreCase)]
    private static partial Regex AndSomething();
}
