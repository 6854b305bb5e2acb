using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace HistoryBot.Documents.Html;

/// <summary>
/// Removes what is page furniture before the readability extractor scores the page: navigation, site headers and
/// footers, cookie and consent banners, adverts, share bars, newsletter boxes, related-article lists, sidebars.
/// SmartReader drops most of these by its own scoring; removing the obvious ones first keeps a short article from being
/// outscored by a long footer, and keeps a box inside the article (a share bar, a newsletter form) out of its text.
/// </summary>
internal static partial class HtmlBoilerplate
{
    private const string RemovedTags =
        "script, style, noscript, template, iframe, svg, nav, form, button, select, input, textarea, aside, dialog";

    private const string RemovedRoles =
        "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=dialog], [role=alertdialog], "
        + "[role=search], [aria-hidden=true], [hidden]";

    public static void Remove(IDocument document)
    {
        Remove(document.QuerySelectorAll(RemovedTags));
        Remove(document.QuerySelectorAll(RemovedRoles).Where(e => !IsContentRoot(e)));

        // A page's header and footer, but not an article's own header (which holds its headline).
        Remove(document.QuerySelectorAll("header, footer").Where(e => e.Closest("article, main, [role=main]") is null || e.LocalName == "footer"));
        // The cheap test first: IsContentRoot searches the element's whole subtree.
        Remove(document.QuerySelectorAll("[class], [id]").Where(e => LooksLikeFurniture(e) && !IsContentRoot(e)));
    }

    /// <summary>The article or main element, the body, or anything holding them: never removed.</summary>
    private static bool IsContentRoot(IElement element) =>
        element.LocalName is "html" or "body" or "main" or "article"
        || element.QuerySelector("article, main, [role=main], h1") is not null;

    private static bool LooksLikeFurniture(IElement element) =>
        Furniture().IsMatch(element.ClassName ?? string.Empty) || Furniture().IsMatch(element.Id ?? string.Empty);

    private static void Remove(IEnumerable<IElement> elements)
    {
        foreach (var element in elements.ToList())
        {
            element.Remove();
        }
    }

    // Whole words of a class or id (separated by spaces, '-' or '_'): "cookie-banner", "ad-slot", "share_bar",
    // "related-articles"; not "header" or "download".
    [GeneratedRegex(
        @"(^|[\s_-])(cookies?|consent|gdpr|newsletter|subscribe|subscription|signup|advert|advertisement|ads?|adslot|adunit|"
        + @"sponsor(ed)?|promo|promoted|share|sharing|social|related|recommended|breadcrumbs?|comments?|popup|modal|"
        + @"sidebar|widget|outbrain|taboola|paywall|banner|masthead|site-?header|site-?footer|menu|toolbar)([\s_-]|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Furniture();
}
