namespace HistoryBot.Core;

/// <summary>
/// Which documents a question may be answered from. The corpus is shared by everyone except the documents under
/// <c>uploads/&lt;scope&gt;/</c> (see <see cref="DocumentScopes"/>), which belong to one scope (a Discord server) and
/// answer only there. <see cref="Everything"/> (the console) sees every document.
/// </summary>
public sealed record AnswerScope
{
    private AnswerScope(string? name, bool everything)
    {
        Name = name;
        IsEverything = everything;
    }

    /// <summary>Every document, uploads of every scope included: the console's view.</summary>
    public static AnswerScope Everything { get; } = new(null, true);

    /// <summary>The shared corpus only, no uploads (a Discord DM).</summary>
    public static AnswerScope SharedOnly { get; } = new(null, false);

    /// <summary>The scope's own uploads, or null for <see cref="Everything"/> and <see cref="SharedOnly"/>.</summary>
    public string? Name { get; }

    public bool IsEverything { get; }

    /// <summary>The shared corpus plus the uploads of scope <paramref name="name"/> (e.g. a Discord server id).</summary>
    /// <exception cref="ArgumentException">The name is not one <see cref="DocumentScopes.IsValidName"/> accepts.</exception>
    public static AnswerScope Of(string name) =>
        DocumentScopes.IsValidName(name) ? new(name, false) : throw new ArgumentException($"'{name}' is not a scope name.", nameof(name));

    /// <summary>Whether a document of scope <paramref name="documentScope"/> (null: shared) can be seen here.</summary>
    public bool Includes(string? documentScope) => IsEverything || documentScope is null || documentScope == Name;

    /// <summary>Whether the document <paramref name="documentId"/> (a corpus-relative path) can be seen here.</summary>
    public bool IncludesDocument(string documentId) => IsEverything || Includes(DocumentScopes.Of(documentId));

    public override string ToString() => IsEverything ? "everything" : Name is null ? "shared" : $"shared+{Name}";
}
