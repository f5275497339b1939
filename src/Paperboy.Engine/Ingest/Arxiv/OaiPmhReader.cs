using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Paperboy.Ingest.Arxiv;

/// <summary>Reads OAI-PMH <c>ListRecords</c>/<c>GetRecord</c> responses in arXiv's <c>arXiv</c> and <c>arXivRaw</c> formats, one record at a time.</summary>
/// <remarks>Deleted records are skipped. <c>noRecordsMatch</c> is an empty list; any other OAI-PMH error throws <see cref="InputException"/>.</remarks>
public sealed class OaiPmhReader : IPaperReader
{
    public const string OaiNamespace = "http://www.openarchives.org/OAI/2.0/";

    public string Format => "arxiv-oai";

    public IEnumerable<SourceEntry> Read(Stream input, string name) => Read(input, name, onResumptionToken: null);

    /// <summary>Reads one response; <paramref name="onResumptionToken"/> is called when the page's resumption token is read (after its records).</summary>
    public IEnumerable<SourceEntry> Read(Stream input, string name, Action<OaiResumptionToken>? onResumptionToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(name);
        return ReadRecords(input, name, onResumptionToken);
    }

    private IEnumerable<SourceEntry> ReadRecords(Stream input, string name, Action<OaiResumptionToken>? onResumptionToken)
    {
        using var xml = ArxivXml.Open(input);
        while (true)
        {
            // A yield cannot sit inside a try with a catch, so each step is read first and yielded after.
            (XElement Element, int Line)? next;
            try
            {
                next = NextRecord(xml, name, onResumptionToken);
            }
            catch (XmlException error)
            {
                throw ArxivXml.Malformed(name, error);
            }

            if (next is not { } record)
            {
                yield break;
            }

            if (OaiArxivMetadata.ToSourceEntry(record.Element, $"{name}:{record.Line}", Format) is { } entry)
            {
                yield return entry;
            }
        }
    }

    private static (XElement, int)? NextRecord(XmlReader xml, string name, Action<OaiResumptionToken>? onResumptionToken)
    {
        if (xml.ReadState == ReadState.Initial)
        {
            ArxivXml.ExpectRoot(xml, name, "OAI-PMH", OaiNamespace, "an OAI-PMH");
            xml.Read();
        }

        while (!xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
            }
            else if (xml.Depth == 1)
            {
                ReadResponsePart(xml, name);
            }
            else if (xml.Depth == 2 && xml.NamespaceURI == OaiNamespace && xml.LocalName == "record")
            {
                var line = ArxivXml.LineOf(xml);
                return ((XElement)XNode.ReadFrom(xml), line);
            }
            else if (xml.Depth == 2 && xml.NamespaceURI == OaiNamespace && xml.LocalName == "resumptionToken")
            {
                var token = ToResumptionToken((XElement)XNode.ReadFrom(xml));
                onResumptionToken?.Invoke(token);
            }
            else
            {
                xml.Skip();
            }
        }

        return null;
    }

    /// <summary>Handles a child of the root: descends into the verb's list, skips the echo of the request, throws on errors.</summary>
    private static void ReadResponsePart(XmlReader xml, string name)
    {
        var line = ArxivXml.LineOf(xml);
        var isOai = xml.NamespaceURI == OaiNamespace;
        switch (xml.LocalName)
        {
            case "ListRecords" or "GetRecord" when isOai:
                xml.Read();
                break;
            case "responseDate" or "request" when isOai:
                xml.Skip();
                break;
            case "error" when isOai:
                var error = (XElement)XNode.ReadFrom(xml);
                var code = (string?)error.Attribute("code") ?? "";
                // An empty harvest window is answered with this "error"; it is a list with nothing in it.
                if (code != "noRecordsMatch")
                {
                    throw new InputException($"{name}:{line}", $"OAI-PMH error {code}: {ArxivXml.Collapse(error.Value)}");
                }

                break;
            default:
                throw new InputException($"{name}:{line}", $"expected <ListRecords>, <GetRecord> or <error> in an OAI-PMH response, found <{xml.LocalName}> at line {line}");
        }
    }

    private static OaiResumptionToken ToResumptionToken(XElement element) =>
        new(element.Value.Trim(), ParseCount((string?)element.Attribute("completeListSize")), ParseCount((string?)element.Attribute("cursor")));

    private static long? ParseCount(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
}
