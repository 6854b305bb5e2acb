using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using HistoryBot.Core.Corpus;
using HistoryBot.Documents.Html;
using HistoryBot.Documents.Zip;

namespace HistoryBot.Documents;

/// <summary>
/// E-books (.epub). No EPUB library is served here, and the format is small: a zip whose META-INF/container.xml names
/// the package (OPF) file, whose spine lists the chapters (XHTML) in reading order. So the zip is read with
/// System.IO.Compression, the container and package with System.Xml, and each chapter through the HTML block walker;
/// a chapter's title (its first heading, else its &lt;title&gt;) becomes a section. DRM-encrypted books are skipped.
/// </summary>
public sealed class EpubDocumentReader(DocumentLimits? limits = null) : IDocumentReader
{
    private readonly DocumentLimits _limits = limits ?? new DocumentLimits();

    private static readonly XNamespace Container = "urn:oasis:names:tc:opendocument:xmlns:container";
    private static readonly XNamespace Opf = "http://www.idpf.org/2007/opf";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    public IReadOnlyList<string> Extensions { get; } = [".epub"];

    public string Version => "epub-2";

    public DocumentReadResult Read(string id, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (ZipGuard.Check(content, _limits, cancellationToken) is { } tooLarge)
        {
            return DocumentReadResult.Unreadable(tooLarge);
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return Read(id, zip, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            return DocumentReadResult.Unreadable($"it is not a readable EPUB (corrupt zip: {e.Message})");
        }
        catch (XmlException e)
        {
            return DocumentReadResult.Unreadable($"it is not a readable EPUB (malformed package XML: {e.Message})");
        }
    }

    private static DocumentReadResult Read(string id, ZipArchive zip, CancellationToken cancellationToken)
    {
        var containerEntry = zip.GetEntry("META-INF/container.xml");
        if (containerEntry is null)
        {
            return DocumentReadResult.Unreadable("it is not an EPUB (no META-INF/container.xml)");
        }

        if (zip.GetEntry("META-INF/encryption.xml") is { } encryption && Load(encryption).Descendants().Any(e => e.Name.LocalName == "EncryptedData"))
        {
            return DocumentReadResult.Unreadable("it is encrypted (DRM)");
        }

        var packagePath = Load(containerEntry).Descendants(Container + "rootfile").FirstOrDefault()?.Attribute("full-path")?.Value;
        if (packagePath is null || zip.GetEntry(packagePath) is not { } packageEntry)
        {
            return DocumentReadResult.Unreadable("it is not a readable EPUB (its package file is missing)");
        }

        var package = Load(packageEntry);
        var folder = packagePath.Contains('/') ? packagePath[..(packagePath.LastIndexOf('/') + 1)] : string.Empty;
        var manifest = package.Descendants(Opf + "item")
            .Where(i => i.Attribute("id") is not null && i.Attribute("href") is not null)
            .GroupBy(i => i.Attribute("id")!.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var builder = new CorpusDocumentBuilder(id);
        builder.Title(package.Descendants(DublinCore + "title").FirstOrDefault()?.Value);
        var parser = new HtmlParser();
        foreach (var itemref in package.Descendants(Opf + "itemref"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (itemref.Attribute("idref")?.Value is not { } idref || !manifest.TryGetValue(idref, out var item)
                || (item.Attribute("properties")?.Value ?? string.Empty).Contains("nav", StringComparison.Ordinal))
            {
                continue;
            }

            var href = Uri.UnescapeDataString(item.Attribute("href")!.Value.Split('#')[0]);
            if (zip.GetEntry(Normalise(folder + href)) is not { } chapterEntry)
            {
                continue;
            }

            using var chapter = HtmlDocumentReader.Parse(parser, ReadChapter(chapterEntry, cancellationToken), cancellationToken);
            if (chapter.Body is not { } body)
            {
                continue;
            }

            var heading = body.QuerySelector("h1, h2, h3");
            builder.Heading(heading is null ? chapter.Title : HtmlBlockWalker.TextOf(heading));
            HtmlBlockWalker.Walk(body, builder, cancellationToken);
        }

        return builder.HasParagraphs ? DocumentReadResult.Read(builder.Build()) : DocumentReadResult.Unreadable("it has no text");
    }

    /// <summary>A chapter's bytes, its nesting bounded as a web page's is (<see cref="HtmlNesting"/>).</summary>
    private static byte[] ReadChapter(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        using var stream = entry.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return HtmlNesting.Limit(bytes.ToArray(), HtmlNesting.MaxDepth, out _, cancellationToken);
    }

    private static XDocument Load(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    /// <summary>Resolves "../" and "./" in a path inside the zip.</summary>
    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
