using System.Globalization;
using System.Text;
using System.Xml;
using Paperboy.Papers;
using Paperboy.Web.Papers;

namespace Paperboy.Web.Feeds;

/// <summary>An entry of a feed: a paper and, optionally, a summary in HTML (search feeds show the passages that matched).</summary>
public sealed record FeedEntry(Paper Paper, string? HtmlSummary = null);

/// <summary>Writes Atom 1.0 feeds (RFC 4287) of papers.</summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <summary>The feed document.</summary>
    /// <param name="baseUrl">The site's absolute base URL (scheme, host, port), which ids and links are made from.</param>
    /// <param name="selfPath">The feed's own path and query.</param>
    /// <param name="alternatePath">The page the feed follows.</param>
    /// <param name="title">The feed's title.</param>
    /// <param name="entries">The papers, in the feed's order.</param>
    /// <param name="now">Used as the feed's updated time when it has no entries.</param>
    /// <remarks>
    /// Text is written without the characters XML 1.0 cannot hold (control characters that a query or a source may carry).
    /// An entry without any date gets the newest date of the others (the Unix epoch when none has one), so that an
    /// unchanged feed reads the same on every poll.
    /// </remarks>
    public static string Write(string baseUrl, string selfPath, string alternatePath, string title, IReadOnlyList<FeedEntry> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        var undated = entries.Select(e => Dated(e.Paper)).Where(d => d is not null).Max() ?? DateTimeOffset.UnixEpoch;
        using (var xml = XmlWriter.Create(new Utf8StringWriter(text), settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, XmlText(baseUrl + selfPath));
            xml.WriteElementString("title", Atom, XmlText(title));
            xml.WriteElementString("updated", Atom, Time(entries.Count == 0 ? now : undated));
            Link(xml, "self", XmlText(baseUrl + selfPath), "application/atom+xml");
            Link(xml, "alternate", XmlText(baseUrl + alternatePath), "text/html");

            // A feed-level author covers entries whose source gave no author names (RFC 4287 4.1.1).
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "Paperboy");
            xml.WriteEndElement();
            xml.WriteElementString("generator", Atom, "Paperboy");
            foreach (var entry in entries)
            {
                WriteEntry(xml, baseUrl, entry, undated);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.ToString();
    }

    private static void WriteEntry(XmlWriter xml, string baseUrl, FeedEntry entry, DateTimeOffset undated)
    {
        var paper = entry.Paper;
        var page = baseUrl + PaperDisplay.Url(paper);
        xml.WriteStartElement("entry", Atom);
        xml.WriteElementString("id", Atom, page);
        xml.WriteElementString("title", Atom, XmlText(paper.Title));
        xml.WriteElementString("updated", Atom, Time(Dated(paper) ?? undated));
        if (paper.Published is { } published)
        {
            xml.WriteElementString("published", Atom, Time(Midnight(published)));
        }

        Link(xml, "alternate", page, "text/html");
        if (PaperDisplay.ArxivPdfUrl(paper) is { } pdf)
        {
            Link(xml, "related", pdf, "application/pdf");
        }

        foreach (var name in paper.Authors)
        {
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, XmlText(name));
            xml.WriteEndElement();
        }

        foreach (var category in paper.Categories)
        {
            xml.WriteStartElement("category", Atom);
            xml.WriteAttributeString("term", XmlText(category));
            xml.WriteEndElement();
        }

        xml.WriteStartElement("summary", Atom);
        if (entry.HtmlSummary is { } html)
        {
            xml.WriteAttributeString("type", "html");
            xml.WriteString(XmlText(html));
        }
        else
        {
            xml.WriteAttributeString("type", "text");
            xml.WriteString(XmlText(paper.DisplayAbstract));
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static DateTimeOffset? Dated(Paper paper) =>
        (paper.Updated ?? paper.Listed ?? paper.Published) is { } day ? Midnight(day) : null;

    /// <summary><paramref name="text"/> without the characters XML 1.0 cannot hold (most control characters, U+FFFE, lone surrogates).</summary>
    private static string XmlText(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i++, 2);
            }
        }

        return kept.ToString();
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A string writer that declares UTF-8, so the XML declaration says what the response is encoded in.</summary>
    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
