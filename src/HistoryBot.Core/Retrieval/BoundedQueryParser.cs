using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace HistoryBot.Core.Retrieval;

/// <summary>
/// The user's query parser, with a bound on the work a query can ask for. A wildcard word is compiled into an automaton
/// when it is parsed, once per searched field; each <c>*</c> or <c>?</c> costs a determinisation over every Unicode
/// character, which nothing can interrupt (<c>a*b*c*…</c> of 100 characters took 15 s, of 399 characters 72 s, with
/// Ctrl-C ignored). So the wildcards of a query are counted before any automaton is built, and a query with more than
/// <see cref="MaxWildcards"/> is refused with a message saying it is too complex. Regular expressions (<c>/…/</c>) can
/// blow up the same way and are bounded by length.
/// </summary>
internal sealed class BoundedQueryParser(
    Lucene.Net.Util.LuceneVersion version, string[] fields, Analyzer analyzer, IDictionary<string, float> boosts)
    : MultiFieldQueryParser(version, fields, analyzer, boosts)
{
    /// <summary>Wildcards (<c>*</c>, <c>?</c>) in one query, counted once per word however many fields it searches.</summary>
    public const int MaxWildcards = 8;

    /// <summary>The longest regular expression (between slashes) a query may hold.</summary>
    public const int MaxRegexpChars = 30;

    private readonly HashSet<string> _wildcardWords = new(StringComparer.Ordinal);
    private int _wildcards;

    public override Query Parse(string query)
    {
        _wildcardWords.Clear();
        _wildcards = 0;
        return base.Parse(query);
    }

    protected override Query NewWildcardQuery(Term t)
    {
        if (_wildcardWords.Add(t.Text))
        {
            _wildcards += t.Text.Count(c => c is '*' or '?');
            if (_wildcards > MaxWildcards)
            {
                throw new QuerySyntaxException(
                    $"The query is too complex: it has more than {MaxWildcards} wildcards (* or ?). Use fewer, or whole words.");
            }
        }

        return base.NewWildcardQuery(t);
    }

    protected override Query NewRegexpQuery(Term regexp)
    {
        if (regexp.Text.Length > MaxRegexpChars)
        {
            throw new QuerySyntaxException(
                $"The query is too complex: a regular expression may have at most {MaxRegexpChars} characters.");
        }

        return base.NewRegexpQuery(regexp);
    }
}
