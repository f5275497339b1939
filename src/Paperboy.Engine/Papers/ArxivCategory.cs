namespace Paperboy.Papers;

/// <summary>arXiv subject categories such as <c>cs.LG</c>, <c>math.AP</c>, <c>hep-th</c> or <c>astro-ph.GA</c>.</summary>
public static class ArxivCategory
{
    /// <summary>True for an arXiv category; false for the MSC and ACM classes (<c>68T45,</c> <c>I.2.10</c>) that sources mix in.</summary>
    public static bool IsValid(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetterLower(text[0]))
        {
            return false;
        }

        var dot = text.IndexOf('.');
        var archive = dot < 0 ? text : text[..dot];
        if (!archive.All(c => char.IsAsciiLetterLower(c) || c == '-'))
        {
            return false;
        }

        if (dot < 0)
        {
            return true;
        }

        var subject = text.AsSpan(dot + 1);
        return subject.Length > 0 && char.IsAsciiLetter(subject[0]) && !subject.ContainsAnyExcept(_asciiLettersAndHyphen);
    }

    private static readonly System.Buffers.SearchValues<char> _asciiLettersAndHyphen =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-");
}
