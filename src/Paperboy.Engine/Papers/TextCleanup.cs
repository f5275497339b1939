namespace Paperboy.Papers;

/// <summary>Small text normalisations shared by the importers.</summary>
public static class TextCleanup
{
    /// <summary>Runs of whitespace (line breaks included) become one space; the ends are trimmed; null becomes empty.</summary>
    /// <remarks>Returns the same string when nothing changes, which is the common case on the hot import path.</remarks>
    public static string CollapseWhitespace(string? text)
    {
        if (text is null)
        {
            return "";
        }

        var clean = text.Length > 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]);
        for (var i = 0; clean && i < text.Length; i++)
        {
            clean = text[i] != ' ' ? !char.IsWhiteSpace(text[i]) : !char.IsWhiteSpace(text[i + 1]);
        }

        if (clean)
        {
            return text;
        }

        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
