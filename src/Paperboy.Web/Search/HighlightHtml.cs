using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Paperboy.Search.Keyword;

namespace Paperboy.Web.Search;

/// <summary>Writes highlighted text as HTML: every span encoded, matches wrapped in <c>&lt;mark&gt;</c>, no whitespace added between spans.</summary>
public static class HighlightHtml
{
    public static IHtmlContent Of(HighlightedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new HtmlContentBuilder(text.Spans.Count * 3);
        foreach (var span in text.Spans)
        {
            if (span.IsMatch)
            {
                html.AppendHtml("<mark>").Append(span.Text).AppendHtml("</mark>");
            }
            else
            {
                html.Append(span.Text);
            }
        }

        return html;
    }

    /// <summary>Passages joined by ellipses, the way a result shows the parts of an abstract that matched.</summary>
    public static IHtmlContent Of(IReadOnlyList<HighlightedText> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var html = new HtmlContentBuilder();
        for (var i = 0; i < passages.Count; i++)
        {
            html.AppendHtml(i == 0 ? "" : " … ").AppendHtml(Of(passages[i]));
        }

        return html.AppendHtml(" …");
    }

    /// <summary>The same, as plain encoded HTML text (for Atom summaries).</summary>
    public static string ToHtmlString(IHtmlContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
