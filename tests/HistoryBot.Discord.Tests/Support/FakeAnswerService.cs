using System.Collections.Concurrent;
using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Chunking;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;
using HistoryBot.Core.Text;

namespace HistoryBot.Discord.Tests.Support;

/// <summary>A stand-in for the engine: knows when Lenin died, declines everything else.</summary>
internal sealed class FakeAnswerService : IAnswerService
{
    public const string LeninQuote = "Lenin died on 21 January 1924 at Gorki, after a series of strokes.";

    private readonly ConcurrentQueue<string> _questions = new();
    private int _asked;

    private readonly ManualResetEventSlim _slowAnswers = new(false);

    public int Asked => Volatile.Read(ref _asked);

    /// <summary>
    /// Lets the questions containing "slow" be answered: until then they wait (at most 20 s), so a test can see the
    /// interaction deferred first however fast or slow the machine is.
    /// </summary>
    public void ReleaseSlowAnswers() => _slowAnswers.Set();

    /// <summary>The questions <see cref="Ask"/> received, in order.</summary>
    public IReadOnlyList<string> Questions => [.. _questions];

    public IndexStats Stats { get; } = new(3, 12, 40, 200);

    public IReadOnlyList<string> DocumentTitles { get; } = ["The Russian Revolution", "The Soviet Union", "Stalin"];

    public static readonly DateTimeOffset LastChange = new(2026, 11, 29, 21, 40, 0, TimeSpan.Zero);

    public DateTimeOffset? CorpusChanged => LastChange;

    public static Passage Passage(string id, string text, string section = "Death") =>
        new(id, "ussr", "The Soviet Union", section, 0, 0, text, [new PassageSentence(text, 0, text.Length)]);

    public Answer Ask(string question, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _asked);
        _questions.Enqueue(question);
        if (question.Contains("slow", StringComparison.OrdinalIgnoreCase))
        {
            _slowAnswers.Wait(TimeSpan.FromSeconds(20), cancellationToken);
        }

        if (!question.Contains("Lenin", StringComparison.OrdinalIgnoreCase))
        {
            return new Answer(question, false, null, [], ["Lenin", "Stalin"], TimeSpan.FromMilliseconds(3));
        }

        var quote = new Quote(
            new HighlightedText(LeninQuote, [new TextSpan(0, 5), new TextSpan(6, 4)]),
            "ussr",
            "The Soviet Union",
            "Death of Lenin",
            "ussr#4",
            120,
            0.9);
        RankedPassage[] passages =
        [
            new(Passage("ussr#4", LeninQuote), 0.9),
            new(Passage("ussr#5", "Stalin, as General Secretary, outmanoeuvred Trotsky.", "Succession"), 0.5),
            new(Passage("rev#2", "The *Bolsheviks* took power in October 1917.", "October"), 0.4),
            new(Passage("rev#3", "A fourth passage that must not be shown.", "Other"), 0.3),
        ];
        return new Answer(question, true, quote, passages, [], TimeSpan.FromMilliseconds(5));
    }

    public SearchResult Search(string query, int limit = 10, CancellationToken cancellationToken = default)
    {
        if (query.Contains('(', StringComparison.Ordinal))
        {
            throw new QuerySyntaxException("Unbalanced parenthesis.");
        }

        var hit = new SearchHit(Passage("ussr#4", LeninQuote), 1.0, new HighlightedText(LeninQuote, [new TextSpan(0, 5)]));
        return new SearchResult(query, 1, [hit], TimeSpan.FromMilliseconds(2));
    }
}
