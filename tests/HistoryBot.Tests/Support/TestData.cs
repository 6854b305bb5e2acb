namespace HistoryBot.Tests.Support;

public static class TestData
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>A folder holding only the seed article (a copy of corpus/lenin-and-trotsky.txt).</summary>
    public static string SeedCorpus => Path.Combine(Folder, "seed-corpus");

    public static string SeedQuestions => Path.Combine(Folder, "seed-questions.jsonl");

    public static string SeedText => File.ReadAllText(Path.Combine(SeedCorpus, "lenin-and-trotsky.txt"));
}
