using System.Text.RegularExpressions;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Conversation;

/// <summary>
/// Turns a follow-up question into a standalone one using the previous turn: a pronoun ("When did he die?") takes the
/// previous question's subject, and "What about Trotsky?" reuses the previous question with the new subject.
/// One instance per conversation (a console chat, a Discord channel); not thread-safe.
/// </summary>
public sealed partial class FollowUpResolver
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
        var about = WhatAbout().Match(trimmed);
        if (about.Success && _previousQuestion is not null && _previousSubject is not null)
        {
            var newSubject = about.Groups["subject"].Value.Trim();
            return ReplaceSubject(_previousQuestion, _previousSubject, newSubject);
        }

        if (_previousSubject is not null && English.Subject(trimmed) is null && English.HasPronoun(trimmed))
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

    /// <summary>Records the standalone question just answered, so the next turn can refer back to it.</summary>
    public void Remember(string resolvedQuestion)
    {
        ArgumentNullException.ThrowIfNull(resolvedQuestion);
        if (English.Subject(resolvedQuestion) is { } subject)
        {
            _previousSubject = subject;
            _previousSubjectIsThing = English.NamesAThing(resolvedQuestion, subject);
            _previousQuestion = resolvedQuestion;
            _answerPerson = null;
        }
    }

    /// <summary>
    /// Records the quote that answered <paramref name="resolvedQuestion"/> (ignored unless that is still the question
    /// remembered last). When the question was about a thing ("Who led the Committee of Public Safety?"), the first name
    /// the quote adds ("... was led by Robespierre") is whom "he" or "she" stands for next.
    /// </summary>
    public void RememberAnswer(string resolvedQuestion, string? quote)
    {
        ArgumentNullException.ThrowIfNull(resolvedQuestion);
        if (quote is not null && _previousSubjectIsThing && resolvedQuestion == _previousQuestion)
        {
            _answerPerson = English.FirstNewName(quote, resolvedQuestion);
        }
    }

    private static string ReplaceSubject(string question, string oldSubject, string newSubject)
    {
        var index = question.IndexOf(oldSubject, StringComparison.Ordinal);
        return index < 0 ? $"{question} {newSubject}" : question[..index] + newSubject + question[(index + oldSubject.Length)..];
    }

    [GeneratedRegex(@"^(and\s+)?(what|how)\s+about\s+(?<subject>[^?]+)\??$|^and\s+(?<subject>\p{Lu}[^?]*)\?$", RegexOptions.IgnoreCase)]
    private static partial Regex WhatAbout();
}
