using System.Diagnostics;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Text;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace HistoryBot.Core.Retrieval;

/// <summary>Keyword search in Lucene query syntax over passage text, section and title, with highlighted snippets.</summary>
internal sealed class KeywordSearcher
{
    private const char Open = '\u0002';
    private const char Close = '\u0003';
    private const int SnippetChars = 200;

    private readonly IndexSearcher _searcher;
    private readonly HistoryBotAnalyzer _analyzer = HistoryBotAnalyzer.ForIndexing();
    private readonly ThreadLocal<MultiFieldQueryParser> _parser;

    /// <param name="options">Supplies the section and title boosts (the passage text counts 1).</param>
    public KeywordSearcher(IndexSearcher searcher, RetrievalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _searcher = searcher;
        var boosts = new Dictionary<string, float>
        {
            [IndexFields.Text] = 1f,
            [IndexFields.Section] = (float)options.SectionBoost,
            [IndexFields.Title] = (float)options.TitleBoost,
        };
        _parser = new ThreadLocal<MultiFieldQueryParser>(() => new BoundedQueryParser(
            HistoryBotAnalyzer.Lucene, [IndexFields.Text, IndexFields.Section, IndexFields.Title], _analyzer, boosts)
        {
            AllowLeadingWildcard = false,
            DefaultOperator = Operator.OR,

            // prefix* and fuzzy~ expand to their 256 best terms: scored like words, highlightable, never too many clauses.
            MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(256),
        });
    }

    /// <param name="scope">Whose documents are searched; null: all of them.</param>
    /// <exception cref="QuerySyntaxException">The query is empty or malformed.</exception>
    public SearchResult Search(string query, int limit, AnswerScope? scope = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var parsed = Parse(query);
        TopDocs top;
        try
        {
            top = _searcher.Search(parsed, ScopeFilters.For(scope), Math.Max(1, limit));
        }
        catch (BooleanQuery.TooManyClausesException e)
        {
            throw new QuerySyntaxException("The query matches too many terms (a prefix* or fuzzy~ term is too broad): make it more specific.", e);
        }

        var highlighter = new Highlighter(new SimpleHTMLFormatter(Open.ToString(), Close.ToString()), new QueryScorer(_searcher.Rewrite(parsed)))
        {
            TextFragmenter = new SimpleFragmenter(SnippetChars),
            MaxDocCharsToAnalyze = 100_000,
        };
        var hits = new List<SearchHit>(top.ScoreDocs.Length);
        foreach (var scoreDoc in top.ScoreDocs)
        {
            var passage = PassageIndex.ToPassage(_searcher.Doc(scoreDoc.Doc));
            hits.Add(new SearchHit(passage, scoreDoc.Score, Snippet(highlighter, passage.Text)));
        }

        return new SearchResult(query, top.TotalHits, hits, stopwatch.Elapsed);
    }

    internal Query Parse(string query) => UserQueries.Parse(_parser.Value!, query);

    private HighlightedText Snippet(Highlighter highlighter, string text)
    {
        var clean = text.Replace(Open, ' ').Replace(Close, ' ');
        string? fragment;
        try
        {
            fragment = highlighter.GetBestFragment(_analyzer, IndexFields.Text, clean);
        }
        catch (InvalidTokenOffsetsException)
        {
            fragment = null;
        }

        if (string.IsNullOrEmpty(fragment))
        {
            // The match was in the section or title: show the start of the passage.
            var cut = clean.Length <= SnippetChars ? clean.Length : Math.Max(clean.LastIndexOf(' ', SnippetChars), SnippetChars / 2);
            return SnippetBounds.Tidy(clean, HighlightedText.Plain(clean[..cut]));
        }

        var plain = new System.Text.StringBuilder(fragment.Length);
        var spans = new List<TextSpan>();
        var openAt = -1;
        foreach (var ch in fragment)
        {
            if (ch == Open)
            {
                openAt = plain.Length;
            }
            else if (ch == Close && openAt >= 0)
            {
                spans.Add(new TextSpan(openAt, plain.Length - openAt));
                openAt = -1;
            }
            else
            {
                plain.Append(ch);
            }
        }

        var raw = plain.ToString();
        var lead = raw.Length - raw.TrimStart().Length;
        var trimmed = raw.Trim();
        var shifted = spans
            .Select(span => new TextSpan(span.Start - lead, span.Length))
            .Where(span => span.Start >= 0 && span.End <= trimmed.Length)
            .ToList();
        return SnippetBounds.Tidy(clean, new HighlightedText(trimmed, shifted));
    }
}
