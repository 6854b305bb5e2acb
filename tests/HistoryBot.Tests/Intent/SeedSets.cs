using System.Text.Json;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Intent;

/// <summary>The English questions of the seed sets, and the other-language questions written for the detector.</summary>
internal static class SeedSets
{
    public static IEnumerable<string> EnglishQuestions() =>
        new[] { TestData.SeedQuestions, TestData.SeedHoldoutQuestions }
            .SelectMany(File.ReadLines)
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!);

    /// <summary>(language, question) from TestData/other-languages.tsv; "?" where only "not English" is expected.</summary>
    public static IEnumerable<(string Language, string Question)> OtherLanguages() =>
        File.ReadLines(Path.Combine(TestData.Folder, "other-languages.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1]));
}
