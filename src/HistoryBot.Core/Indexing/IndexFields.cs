namespace HistoryBot.Core.Indexing;

/// <summary>Names of the Lucene fields a passage is stored under.</summary>
public static class IndexFields
{
    public const string Id = "id";
    public const string Document = "doc";
    public const string Title = "title";
    public const string Section = "section";
    public const string Text = "text";
    public const string Ordinal = "ord";
    public const string Start = "start";
    public const string Sentences = "sents";
}
