using Paperboy.Papers;

namespace Paperboy.Export;

/// <summary>
/// Citation keys for a file of many entries: each paper's <see cref="BibTex.Key"/>, with a letter added when the key was
/// already given (<c>wang2025visual</c>, <c>wang2025visuala</c>, <c>wang2025visualb</c>...), as BibTeX needs unique keys.
/// </summary>
public sealed class BibTexKeys
{
    private readonly HashSet<string> _given = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The key for <paramref name="paper"/>, unique among the keys given so far (BibTeX compares them without case).</summary>
    public string Next(Paper paper)
    {
        var key = BibTex.Key(paper);
        var candidate = key;
        for (var n = 0; !_given.Add(candidate); n++)
        {
            candidate = key + Suffix(n);
        }

        return candidate;
    }

    /// <summary>a, b, ..., z, aa, ab, ...</summary>
    private static string Suffix(int n) => n < 26 ? ((char)('a' + n)).ToString() : Suffix((n / 26) - 1) + (char)('a' + (n % 26));
}
