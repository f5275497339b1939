using System.Xml;
using System.Xml.Linq;
using Paperboy.Papers;

namespace Paperboy.Ingest.Arxiv;

/// <summary>Reads arXiv API responses (<c>export.arxiv.org/api/query</c>, Atom 1.0), one <c>&lt;entry&gt;</c> at a time.</summary>
public sealed class ArxivAtomReader : IPaperReader
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string ArxivNamespace = "http://arxiv.org/schemas/atom";

    private const string ErrorIdPrefix = "http://arxiv.org/api/errors";

    private static readonly XNamespace _atom = AtomNamespace;
    private static readonly XNamespace _arxiv = ArxivNamespace;

    public string Format => "arxiv-atom";

    public IEnumerable<SourceEntry> Read(Stream input, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(name);
        return ReadEntries(input, name);
    }

    private IEnumerable<SourceEntry> ReadEntries(Stream input, string name)
    {
        using var xml = ArxivXml.Open(input);
        while (true)
        {
            // A yield cannot sit inside a try with a catch, so each step is read first and yielded after.
            (XElement Element, int Line)? next;
            try
            {
                next = NextEntry(xml, name);
            }
            catch (XmlException error)
            {
                throw ArxivXml.Malformed(name, error);
            }

            if (next is not { } entry)
            {
                yield break;
            }

            yield return ToSourceEntry(entry.Element, $"{name}:{entry.Line}");
        }
    }

    private static (XElement, int)? NextEntry(XmlReader xml, string name)
    {
        if (xml.ReadState == ReadState.Initial)
        {
            ArxivXml.ExpectRoot(xml, name, "feed", AtomNamespace, "an Atom");
            xml.Read();
        }

        while (!xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element || xml.Depth != 1)
            {
                xml.Read();
            }
            else if (xml.LocalName == "entry" && xml.NamespaceURI == AtomNamespace)
            {
                var line = ArxivXml.LineOf(xml);
                return ((XElement)XNode.ReadFrom(xml), line);
            }
            else
            {
                // Feed-level metadata (links, opensearch counts) says nothing about papers.
                xml.Skip();
            }
        }

        return null;
    }

    private SourceEntry ToSourceEntry(XElement entry, string origin)
    {
        var idText = ArxivXml.TrimmedOrNull(entry.Element(_atom + "id"));
        if (idText is null)
        {
            return SourceEntry.Bad(origin, "entry has no <id>");
        }

        if (idText.StartsWith(ErrorIdPrefix, StringComparison.Ordinal))
        {
            var reason = ArxivXml.CollapsedOrNull(entry.Element(_atom + "summary")) ?? idText;
            return SourceEntry.Bad(origin, $"arXiv API error: {reason}");
        }

        if (!ArxivId.TryParse(idText, out var id, out var version))
        {
            return SourceEntry.Bad(origin, $"entry id '{idText}' is not an arXiv id");
        }

        var title = ArxivXml.CollapsedOrNull(entry.Element(_atom + "title"));
        if (title is null)
        {
            return SourceEntry.Bad(origin, $"entry {id} has no <title>");
        }

        if (!TryReadDay(entry, "published", out var published, out var problem) || !TryReadDay(entry, "updated", out var updated, out problem))
        {
            return SourceEntry.Bad(origin, $"entry {id}: {problem}");
        }

        var authors = entry.Elements(_atom + "author")
            .Select(author => ArxivXml.CollapsedOrNull(author.Element(_atom + "name")))
            .OfType<string>()
            .ToList();
        return SourceEntry.Of(new PaperRecord
        {
            Source = Format,
            Origin = origin,
            ArxivId = id,
            Version = version,
            Title = title,
            Authors = authors,
            AuthorCount = authors.Count,
            Abstract = ArxivXml.TrimmedOrNull(entry.Element(_atom + "summary")),
            Categories = Categories(entry),
            Published = published,
            Updated = updated,
            Comments = ArxivXml.CollapsedOrNull(entry.Element(_arxiv + "comment")),
            Doi = ArxivXml.TrimmedOrNull(entry.Element(_arxiv + "doi")),
        });
    }

    private static IReadOnlyList<string> Categories(XElement entry)
    {
        var primary = entry.Elements(_arxiv + "primary_category").Select(element => (string?)element.Attribute("term"));
        var all = entry.Elements(_atom + "category").Select(element => (string?)element.Attribute("term"));
        return ArxivXml.DistinctCategories(primary.Concat(all).OfType<string>());
    }

    private static bool TryReadDay(XElement entry, string element, out DateOnly? day, out string problem)
    {
        day = null;
        problem = "";
        var text = ArxivXml.TrimmedOrNull(entry.Element(_atom + element));
        if (text is null)
        {
            return true;
        }

        if (!ArxivXml.TryParseDay(text, out var parsed))
        {
            problem = $"<{element}> '{text}' is not a date";
            return false;
        }

        day = parsed;
        return true;
    }
}
