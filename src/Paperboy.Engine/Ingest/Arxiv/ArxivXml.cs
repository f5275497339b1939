using System.Globalization;
using System.Xml;
using System.Xml.Linq;

using Paperboy.Papers;

namespace Paperboy.Ingest.Arxiv;

/// <summary>What the arXiv XML readers share: a safe streaming reader, located errors, and text clean-up.</summary>
internal static class ArxivXml
{
    // Atom and OAI-PMH both write W3C/ISO 8601 timestamps; anything looser is a bad value, not a guess.
    private static readonly string[] _isoTimestamps = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static XmlReader Open(Stream input) => XmlReader.Create(input, new XmlReaderSettings
    {
        // Ignoring a DTD (rather than refusing it) lets an HTML error page reach the root check, which names it;
        // its entities are never expanded either way.
        DtdProcessing = DtdProcessing.Ignore,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    });

    public static int LineOf(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    public static InputException Malformed(string name, XmlException error)
    {
        // An empty input fails before the first line is read and reports line 0; people count from 1.
        var line = Math.Max(error.LineNumber, 1);
        var position = Math.Max(error.LinePosition, 1);
        return new($"{name}:{line}", $"malformed XML at line {line}, position {position}: {error.Message}", error);
    }

    /// <summary>Moves to the root element and checks its name and namespace.</summary>
    public static void ExpectRoot(XmlReader reader, string name, string localName, string ns, string what)
    {
        reader.MoveToContent();
        if (reader.NodeType == XmlNodeType.Element && reader.LocalName == localName && reader.NamespaceURI == ns)
        {
            return;
        }

        var line = LineOf(reader);
        var found = reader.NodeType == XmlNodeType.Element ? $"<{reader.LocalName}>" : reader.NodeType.ToString();
        var foundNs = reader.NamespaceURI.Length == 0 ? "no namespace" : $"namespace {reader.NamespaceURI}";
        throw new InputException($"{name}:{line}", $"expected {what} <{localName}> in namespace {ns}, found {found} in {foundNs} at line {line}");
    }

    /// <summary>Joins wrapped lines into one line, as titles and comments are shown.</summary>
    public static string Collapse(string text) => TextCleanup.CollapseWhitespace(text);

    public static string? CollapsedOrNull(XElement? element) =>
        element is null || string.IsNullOrWhiteSpace(element.Value) ? null : Collapse(element.Value);

    public static string? TrimmedOrNull(XElement? element) =>
        element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();

    public static IReadOnlyList<string> DistinctCategories(IEnumerable<string> terms) =>
        [.. terms.Select(term => term.Trim()).Where(term => term.Length > 0).Distinct(StringComparer.Ordinal)];

    public static IReadOnlyList<string> SplitCategories(string? spaceJoined) =>
        DistinctCategories((spaceJoined ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Reads an ISO date or timestamp (<c>2007-04-02</c>, <c>2007-10-10T17:58:06Z</c>) as the calendar day it names.</summary>
    public static bool TryParseDay(string? text, out DateOnly day)
    {
        day = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 10)
        {
            return DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
        }

        // The day as written, not converted to UTC: that is the day arXiv shows for it.
        if (DateTimeOffset.TryParseExact(trimmed, _isoTimestamps, CultureInfo.InvariantCulture, DateTimeStyles.None, out var stamp))
        {
            day = DateOnly.FromDateTime(stamp.DateTime);
            return true;
        }

        return false;
    }
}
