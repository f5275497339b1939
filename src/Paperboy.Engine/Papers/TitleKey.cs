using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Paperboy.Papers;

/// <summary>Normalises titles so that the same paper from different sources gets one key.</summary>
/// <remarks>Case, accents, punctuation, LaTeX markup and whitespace are ignored: only letters and digits count.</remarks>
public static class TitleKey
{
    /// <summary>The prefix of ids derived from titles, for papers with no arXiv id.</summary>
    public const string IdPrefix = "t:";

    /// <summary>The title reduced to lowercase letters and digits separated by single spaces.</summary>
    public static string Normalise(string title)
    {
        // Most titles are ASCII, where decomposition changes nothing and can be skipped.
        var decomposed = Ascii.IsValid(title) ? title : title.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>The deterministic id of a paper known only by its title: <c>t:</c> and 16 hex digits of its key's SHA-256.</summary>
    public static string PaperIdFor(string title) => IdForKey(Normalise(title));

    /// <summary>The id for an already normalised title key.</summary>
    public static string IdForKey(string titleKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(titleKey), hash);
        return IdPrefix + Convert.ToHexStringLower(hash[..8]);
    }
}
