namespace HistoryBot.Tests.Support;

public static class TestData
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>A folder holding only the seed article (a copy of corpus/lenin-and-trotsky.txt).</summary>
    public static string SeedCorpus => Path.Combine(Folder, "seed-corpus");

    public static string SeedQuestions => Path.Combine(Folder, "seed-questions.jsonl");

    /// <summary>
    /// A second set about the seed article, written after the first had been tuned against: other wordings, and
    /// unanswerable questions about the article's own people ("When was Lenin born?").
    /// </summary>
    public static string SeedHoldoutQuestions => Path.Combine(Folder, "seed-questions-holdout.jsonl");

    public static string SeedText => File.ReadAllText(Path.Combine(SeedCorpus, "lenin-and-trotsky.txt"));
}
