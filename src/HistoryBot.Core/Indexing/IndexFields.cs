namespace HistoryBot.Core.Indexing;

/// <summary>Names of the Lucene fields a passage is stored under.</summary>
internal static class IndexFields
{
    public const string Id = "id";

    /// <summary>The corpus file id, indexed (not stored) so that a file's passages can be deleted together.</summary>
    public const string Document = "doc";
    public const string Title = "title";
    public const string Section = "section";
    public const string Text = "text";
    public const string Start = "start";
    public const string Page = "page";

    /// <summary>
    /// Whose document the passage is (<see cref="DocumentScopes"/>): the scope name for an upload,
    /// <see cref="SharedScope"/> for the shared corpus. Indexed, not stored; retrieval filters on it.
    /// </summary>
    public const string Scope = "scope";

    /// <summary>The <see cref="Scope"/> term of shared documents: "/" is no folder name, so no scope can be called so.</summary>
    public const string SharedScope = "/";
}
