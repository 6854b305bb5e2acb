namespace HistoryBot.Core.Intent;

/// <summary>What <see cref="LanguageDetector"/> made of a text.</summary>
/// <param name="IsEnglish">False only when the text is clearly in another language.</param>
/// <param name="Language">The other language's English name ("French"), or null when it can't be told.</param>
internal readonly record struct LanguageGuess(bool IsEnglish, string? Language)
{
    public static readonly LanguageGuess English = new(true, null);
}
