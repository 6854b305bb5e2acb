using System.Text.RegularExpressions;

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

        if (_previousSubject is not null && Subject(trimmed) is null && Pronoun().IsMatch(trimmed))
        {
            return Pronoun().Replace(trimmed, m => m.Value.ToLowerInvariant() switch
            {
                "his" or "her" or "their" or "its" => _previousSubject + "'s",
                _ => _previousSubject,
            });
        }

        return trimmed;
    }

    /// <summary>Records the standalone question just answered, so the next turn can refer back to it.</summary>
    public void Remember(string resolvedQuestion)
    {
        ArgumentNullException.ThrowIfNull(resolvedQuestion);
        if (Subject(resolvedQuestion) is { } subject)
        {
            _previousSubject = subject;
            _previousQuestion = resolvedQuestion;
        }
    }

    public void Reset()
    {
        _previousQuestion = null;
        _previousSubject = null;
    }

    /// <summary>The first capitalised name in a question, skipping its first word when that is a question word.</summary>
    internal static string? Subject(string question)
    {
        foreach (Match m in Name().Matches(question))
        {
            var word = m.Value;
            if (m.Index == 0 && QuestionStart().Match(word) is { Success: true } start)
            {
                // "Was Lenin" is read as one capitalised run: the name is what follows the question word.
                word = word[start.Length..].Trim();
                if (word.Length == 0)
                {
                    continue;
                }
            }

            if (Pronoun().IsMatch(word) || word is "I")
            {
                continue;
            }

            return word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal) ? word[..^2] : word;
        }

        return null;
    }

    private static string ReplaceSubject(string question, string oldSubject, string newSubject)
    {
        var index = question.IndexOf(oldSubject, StringComparison.Ordinal);
        return index < 0 ? $"{question} {newSubject}" : question[..index] + newSubject + question[(index + oldSubject.Length)..];
    }

    [GeneratedRegex(@"^(and\s+)?(what|how)\s+about\s+(?<subject>[^?]+)\??$|^and\s+(?<subject>\p{Lu}[^?]*)\?$", RegexOptions.IgnoreCase)]
    private static partial Regex WhatAbout();

    [GeneratedRegex(@"\b(he|she|him|his|her|they|them|their|it|its)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{M}'’.-]*(\s+\p{Lu}[\p{L}\p{M}'’.-]*)*")]
    private static partial Regex Name();

    [GeneratedRegex(@"^(Who|Whom|Whose|What|When|Where|Why|How|Which|Did|Does|Do|Is|Was|Were|Are|Can|Could|Tell|In|On|At|And|But|So)\b")]
    private static partial Regex QuestionStart();
}
