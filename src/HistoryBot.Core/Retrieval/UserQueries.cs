using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace HistoryBot.Core.Retrieval;

/// <summary>Parses a user's Lucene-syntax query, turning every parser failure into a one-line <see cref="QuerySyntaxException"/>.</summary>
internal static class UserQueries
{
    /// <exception cref="QuerySyntaxException">The query is empty or malformed.</exception>
    public static Query Parse(QueryParser parser, string query)
    {
        ArgumentNullException.ThrowIfNull(parser);
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new QuerySyntaxException("The query is empty: give some words, a \"phrase\", or Lucene syntax such as lenin AND trotsky.");
        }

        try
        {
            return parser.Parse(query);
        }
        catch (ParseException e)
        {
            throw new QuerySyntaxException(
                $"The query could not be parsed ({FirstLine(e.Message)}). Check that quotes and parentheses are balanced and that AND/OR/NOT stand between words.",
                e);
        }
        catch (BooleanQuery.TooManyClausesException e)
        {
            throw new QuerySyntaxException("The query has too many terms: make it shorter.", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new QuerySyntaxException($"The query could not be parsed: {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.StartsWith("Cannot parse", StringComparison.Ordinal) && line.Contains(": ", StringComparison.Ordinal)
            ? line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]
            : line;
    }
}
