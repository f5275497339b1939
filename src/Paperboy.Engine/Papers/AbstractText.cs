using System.Text;

namespace Paperboy.Papers;

/// <summary>Turns abstracts as sources store them into text for reading.</summary>
public static class AbstractText
{
    /// <summary>Joins arXiv's hard-wrapped lines into flowing text; a blank line or an indented line starts a new paragraph.</summary>
    public static string ForDisplay(string raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return "";
        }

        var builder = new StringBuilder(raw.Length);
        var paragraphBreak = false;
        foreach (var rawLine in raw.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r', ' ', '\t');
            if (line.Length == 0)
            {
                paragraphBreak = builder.Length > 0;
                continue;
            }

            var indented = line.StartsWith("  ", StringComparison.Ordinal) || line.StartsWith('\t');
            if (builder.Length > 0)
            {
                builder.Append(paragraphBreak || indented ? "\n\n" : " ");
            }

            builder.Append(line.Trim());
            paragraphBreak = false;
        }

        return builder.ToString();
    }
}
