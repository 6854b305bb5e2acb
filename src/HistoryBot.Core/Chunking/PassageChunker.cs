using HistoryBot.Core.Corpus;
using HistoryBot.Core.Text;

namespace HistoryBot.Core.Chunking;

/// <summary>Turns a parsed document into passages: one per paragraph, long paragraphs split at sentence boundaries.</summary>
internal sealed class PassageChunker(ChunkingOptions? options = null)
{
    private readonly int _maxChars = (options ?? new ChunkingOptions()).MaxPassageChars;

    public IReadOnlyList<Passage> Chunk(CorpusDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var passages = new List<Passage>();
        string? section = null;
        foreach (var block in document.Blocks)
        {
            switch (block.Kind)
            {
                case BlockKind.Title:
                    continue;
                case BlockKind.Heading:
                    section = block.Text;
                    continue;
            }

            var sentences = SentenceSplitter.Split(document.Text, block.Start, block.Length);
            foreach (var group in Group(sentences))
            {
                var start = group[0].Start;
                var end = group[^1].End;
                var ordinal = passages.Count;
                passages.Add(new Passage(
                    $"{document.Id}#{ordinal}",
                    document.Id,
                    document.Title,
                    section,
                    ordinal,
                    start,
                    document.Text[start..end],
                    group.Select(s => new PassageSentence(s.Slice(document.Text), s.Start, s.Length)).ToList(),
                    block.Page));
            }
        }

        return passages;
    }

    private IEnumerable<List<TextSpan>> Group(IReadOnlyList<TextSpan> sentences)
    {
        if (sentences.Count == 0)
        {
            yield break;
        }

        var total = sentences[^1].End - sentences[0].Start;
        if (total <= _maxChars)
        {
            yield return sentences.ToList();
            yield break;
        }

        // Split into roughly equal parts, each at most _maxChars where sentences allow.
        var parts = (int)Math.Ceiling(total / (double)_maxChars);
        var target = total / (double)parts;
        var current = new List<TextSpan>();
        var currentStart = sentences[0].Start;
        foreach (var sentence in sentences)
        {
            if (current.Count > 0 && sentence.End - currentStart > target * 1.15)
            {
                yield return current;
                current = [];
                currentStart = sentence.Start;
            }

            current.Add(sentence);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }
}
