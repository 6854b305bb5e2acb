using System.Text;
using System.Text.Json;
using HistoryBot.Core.Evaluation;

namespace HistoryBot.Training;

/// <summary>A training question: its set, its article (the cross-validation group) and its gold answers.</summary>
internal sealed record TrainingQuestion(string Set, string Group, string Question, IReadOnlyList<string> Answers, bool Unanswerable);

/// <summary>
/// The training material: the SQuAD 2.0 training excerpt (training/squad2-train, CC BY-SA 4.0) turned into one plain-text
/// document per article, our written questions on the book excerpts (bench/eval/books) and on the seed article, all
/// asked of one corpus holding every article, as the hidden sets mix a dozen articles. SQuAD development questions are
/// never read here: they only measure.
/// </summary>
internal static class TrainingSets
{
    public const string Squad = "squad2-train";
    public const string Books = "books";
    public const string Seed = "seed";
    public const string OffTopic = "offtopic";

    /// <summary>
    /// SQuAD-2-style unanswerable questions made from the training excerpt's answerable ones by bench/eval/swap.py
    /// (training/squad2-train/swapped.jsonl, see make_swaps.py there): decline examples only. Generated and noisy (a swap is
    /// now and then answered elsewhere), so they train but are left out of the objective every choice is made by.
    /// </summary>
    public const string Swapped = "squad2-swap";

    /// <summary>
    /// Unanswerable questions we wrote on eight training articles in SQuAD 2.0's manner (written to look answerable from a
    /// paragraph: a swapped entity, an antonym, a negation, an impossible condition; training/squad2-train/written-unanswerable.jsonl):
    /// decline examples only, like <see cref="Swapped"/>, and like them left out of the objective.
    /// </summary>
    public const string WrittenUnanswerable = "squad2-written";

    /// <summary>Whether a set only adds decline examples (trains, but is no figure and shapes no fold).</summary>
    public static bool DeclineExamplesOnly(string set) => set is Swapped or WrittenUnanswerable;

    /// <summary>Writes the corpus under <paramref name="corpus"/> and returns every question.</summary>
    /// <param name="swaps">Whether the generated swaps (<see cref="Swapped"/>) are among them.</param>
    /// <param name="written">Whether our written unanswerable questions (<see cref="WrittenUnanswerable"/>) are among them.</param>
    public static IReadOnlyList<TrainingQuestion> Prepare(string repository, string corpus, bool swaps, bool written = false)
    {
        Directory.CreateDirectory(corpus);
        var questions = new List<TrainingQuestion>();
        questions.AddRange(Squad2(Path.Combine(repository, "training", "squad2-train", "train-v2.0-first10.json"), corpus));
        if (swaps)
        {
            questions.AddRange(Written(Path.Combine(repository, "training", "squad2-train", "swapped.jsonl"), Swapped, null));
        }

        if (written)
        {
            questions.AddRange(Written(Path.Combine(repository, "training", "squad2-train", "written-unanswerable.jsonl"), WrittenUnanswerable, null));
        }

        var books = Path.Combine(repository, "bench", "eval", "books");
        foreach (var file in Directory.GetFiles(Path.Combine(books, "corpus"), "*.txt"))
        {
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)), overwrite: true);
        }

        questions.AddRange(Written(Path.Combine(books, "questions.jsonl"), Books, null));

        File.Copy(Path.Combine(repository, "corpus", "lenin-and-trotsky.txt"), Path.Combine(corpus, "lenin-and-trotsky.txt"), overwrite: true);
        questions.AddRange(Written(
            Path.Combine(repository, "tests", "HistoryBot.Tests", "TestData", "seed-questions.jsonl"), Seed, "lenin-and-trotsky.txt"));
        return questions;
    }

    /// <summary>
    /// Off-topic questions: every <paramref name="every"/>th SQuAD question asked of a corpus without its article (the book
    /// excerpts and the seed article, written under <paramref name="corpus"/>), so unanswerable. They teach the model
    /// what a question about something the corpus does not hold looks like, which SQuAD's own unanswerable questions,
    /// written against their paragraph, do not. Each keeps its article as its group.
    /// </summary>
    public static IReadOnlyList<TrainingQuestion> PrepareOffTopic(string repository, string corpus, IReadOnlyList<TrainingQuestion> questions, int every)
    {
        Directory.CreateDirectory(corpus);
        foreach (var file in Directory.GetFiles(Path.Combine(repository, "bench", "eval", "books", "corpus"), "*.txt"))
        {
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)), overwrite: true);
        }

        File.Copy(Path.Combine(repository, "corpus", "lenin-and-trotsky.txt"), Path.Combine(corpus, "lenin-and-trotsky.txt"), overwrite: true);
        return questions.Where(q => q.Set == Squad).Where((_, i) => i % every == 0)
            .Select(q => q with { Set = OffTopic, Answers = [], Unanswerable = true })
            .ToList();
    }

    private static IEnumerable<TrainingQuestion> Squad2(string path, string corpus)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var article in json.RootElement.GetProperty("data").EnumerateArray())
        {
            var title = article.GetProperty("title").GetString()!.Replace('_', ' ');
            var file = "squad-" + new string(title.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()) + ".txt";
            var text = new StringBuilder(title).Append("\n\n");
            foreach (var paragraph in article.GetProperty("paragraphs").EnumerateArray())
            {
                text.Append(paragraph.GetProperty("context").GetString()!.Replace('\n', ' ').Trim()).Append("\n\n");
                foreach (var qa in paragraph.GetProperty("qas").EnumerateArray())
                {
                    var impossible = qa.TryGetProperty("is_impossible", out var i) && i.GetBoolean();
                    var answers = qa.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).Distinct().ToList();
                    yield return new TrainingQuestion(Squad, file, qa.GetProperty("question").GetString()!.Trim(), answers, impossible || answers.Count == 0);
                }
            }

            File.WriteAllText(Path.Combine(corpus, file), text.ToString());
        }
    }

    private static IEnumerable<TrainingQuestion> Written(string path, string set, string? document)
    {
        using var reader = new StreamReader(path);
        var lines = File.ReadAllLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var questions = EvalQuestion.ReadJsonLines(reader);
        for (var n = 0; n < questions.Count; n++)
        {
            var q = questions[n];
            var group = document ?? (JsonDocument.Parse(lines[n]).RootElement.TryGetProperty("document", out var d) ? d.GetString() : null)
                ?? throw new FormatException($"{path}: line {n + 1} names no document.");
            yield return new TrainingQuestion(set, group, q.Question, q.Answers ?? [], q.Unanswerable);
        }
    }
}
