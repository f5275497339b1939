using System.Globalization;
using System.Xml.Linq;
using Paperboy.Papers;

namespace Paperboy.Ingest.Arxiv;

/// <summary>Turns one OAI-PMH <c>&lt;record&gt;</c> holding arXiv's <c>arXiv</c> or <c>arXivRaw</c> metadata into a paper record.</summary>
internal static class OaiArxivMetadata
{
    public const string ArxivNamespace = "http://arxiv.org/OAI/arXiv/";
    public const string ArxivRawNamespace = "http://arxiv.org/OAI/arXivRaw/";

    private static readonly XNamespace _oai = OaiPmhReader.OaiNamespace;
    private static readonly XNamespace _arxiv = ArxivNamespace;
    private static readonly XNamespace _raw = ArxivRawNamespace;

    // arXiv writes "keyname" (surname) apart from "forenames"; a name reads forenames first.
    private static readonly string[] _nameParts = ["forenames", "keyname", "suffix"];

    /// <summary>The record as an entry, or null for a deleted record (which carries no metadata to import).</summary>
    public static SourceEntry? ToSourceEntry(XElement record, string origin, string format)
    {
        var header = record.Element(_oai + "header");
        if (header is null)
        {
            return SourceEntry.Bad(origin, "record has no <header>");
        }

        if ((string?)header.Attribute("status") == "deleted")
        {
            return null;
        }

        var identifier = ArxivXml.TrimmedOrNull(header.Element(_oai + "identifier")) ?? "(no identifier)";
        var datestamp = ArxivXml.TrimmedOrNull(header.Element(_oai + "datestamp"));
        DateOnly? listed = ArxivXml.TryParseDay(datestamp, out var day) ? day : null;
        var metadata = record.Element(_oai + "metadata")?.Elements().FirstOrDefault();
        if (metadata is null)
        {
            return SourceEntry.Bad(origin, $"record {identifier} has no <metadata>");
        }

        var context = new RecordContext(origin, format, identifier, listed);
        if (metadata.Name == _arxiv + "arXiv")
        {
            return FromArxiv(metadata, context);
        }

        if (metadata.Name == _raw + "arXivRaw")
        {
            return FromArxivRaw(metadata, context);
        }

        return SourceEntry.Bad(origin, $"record {identifier}: metadata <{metadata.Name.LocalName}> in namespace {metadata.Name.NamespaceName} is neither arXiv ({ArxivNamespace}) nor arXivRaw ({ArxivRawNamespace})");
    }

    private static SourceEntry FromArxiv(XElement metadata, RecordContext context)
    {
        var (record, error) = Common(metadata, _arxiv, context);
        if (record is null)
        {
            return error!.Value;
        }

        var created = ArxivXml.TrimmedOrNull(metadata.Element(_arxiv + "created"));
        var updated = ArxivXml.TrimmedOrNull(metadata.Element(_arxiv + "updated"));
        if (!TryDay(created, out var published) || !TryDay(updated, out var updatedDay))
        {
            return SourceEntry.Bad(context.Origin, $"record {record.ArxivId}: <created> '{created}' or <updated> '{updated}' is not a yyyy-MM-dd date");
        }

        var authors = metadata.Element(_arxiv + "authors")?.Elements(_arxiv + "author").Select(AuthorName).OfType<string>().ToList() ?? [];
        return SourceEntry.Of(record with
        {
            Authors = authors,
            AuthorCount = authors.Count,
            Published = published,
            Updated = updatedDay,
        });
    }

    private static SourceEntry FromArxivRaw(XElement metadata, RecordContext context)
    {
        var (record, error) = Common(metadata, _raw, context);
        if (record is null)
        {
            return error!.Value;
        }

        var versions = new List<(int Number, DateOnly Day)>();
        foreach (var version in metadata.Elements(_raw + "version"))
        {
            var label = (string?)version.Attribute("version") ?? "";
            var date = ArxivXml.TrimmedOrNull(version.Element(_raw + "date")) ?? "";
            if (!TryVersionNumber(label, out var number) || !TryRfc1123Day(date, out var day))
            {
                return SourceEntry.Bad(context.Origin, $"record {record.ArxivId}: version '{label}' dated '{date}' is not a vN version with an RFC 1123 date");
            }

            versions.Add((number, day));
        }

        versions.Sort((a, b) => a.Number.CompareTo(b.Number));
        string[] authors = metadata.Element(_raw + "authors")?.Value is { } joined ? AuthorList.Split(TextCleanup.CollapseWhitespace(joined)) : [];
        return SourceEntry.Of(record with
        {
            Version = versions.Count > 0 ? versions[^1].Number : null,
            Authors = authors,
            AuthorCount = authors.Length,
            Published = versions.Count > 0 ? versions[0].Day : null,
            Updated = versions.Count > 0 ? versions[^1].Day : null,
        });
    }

    /// <summary>The fields both formats spell the same way, or the reason the record cannot be used.</summary>
    private static (PaperRecord? Record, SourceEntry? Error) Common(XElement metadata, XNamespace ns, RecordContext context)
    {
        var idText = ArxivXml.TrimmedOrNull(metadata.Element(ns + "id"));
        if (idText is null)
        {
            return (null, SourceEntry.Bad(context.Origin, $"record {context.Identifier} has no <id> in its metadata"));
        }

        if (!ArxivId.TryParse(idText, out var id, out var version))
        {
            return (null, SourceEntry.Bad(context.Origin, $"record {context.Identifier}: <id> '{idText}' is not an arXiv id"));
        }

        var title = ArxivXml.CollapsedOrNull(metadata.Element(ns + "title"));
        if (title is null)
        {
            return (null, SourceEntry.Bad(context.Origin, $"record {id} has no <title>"));
        }

        return (new PaperRecord
        {
            Source = context.Format,
            Origin = context.Origin,
            ArxivId = id,
            Version = version,
            Title = title,
            Abstract = ArxivXml.TrimmedOrNull(metadata.Element(ns + "abstract")),
            Categories = ArxivXml.SplitCategories(metadata.Element(ns + "categories")?.Value),
            Listed = context.Listed,
            Comments = ArxivXml.CollapsedOrNull(metadata.Element(ns + "comments")),
            Doi = ArxivXml.TrimmedOrNull(metadata.Element(ns + "doi")),
        }, null);
    }

    private static string? AuthorName(XElement author)
    {
        var parts = _nameParts.Select(part => ArxivXml.CollapsedOrNull(author.Element(_arxiv + part)))
            .OfType<string>();
        var name = string.Join(' ', parts);
        return name.Length > 0 ? name : null;
    }

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }

    private static bool TryVersionNumber(string label, out int number)
    {
        number = 0;
        return label.Length > 1 && (label[0] is 'v' or 'V')
            && int.TryParse(label.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>arXivRaw dates its versions like <c>Mon, 2 Apr 2007 19:18:42 GMT</c>; the UTC day is the one arXiv lists.</summary>
    private static bool TryRfc1123Day(string text, out DateOnly day)
    {
        day = default;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stamp))
        {
            return false;
        }

        day = DateOnly.FromDateTime(stamp.UtcDateTime);
        return true;
    }

    private sealed record RecordContext(string Origin, string Format, string Identifier, DateOnly? Listed);
}
