using System.Security.Cryptography;
using System.Text;
using Paperboy.Papers;

namespace Paperboy.Search.Embeddings;

/// <summary>Forms the text that represents a paper to an embedder.</summary>
public static class EmbeddingText
{
    /// <summary>The title, a space, and the abstract with arXiv's hard line breaks joined.</summary>
    public static string For(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return Join(paper.Title, paper.DisplayAbstract);
    }

    /// <summary>The title and the abstract joined by one space; either may be empty.</summary>
    public static string Join(string title, string abstractText)
    {
        var t = title.Trim();
        var a = abstractText.Trim();
        return t.Length == 0 ? a : a.Length == 0 ? t : t + " " + a;
    }

    /// <summary>A short hash of <see cref="For"/>: equal hashes mean a stored vector still fits the paper's text.</summary>
    public static string Hash(Paper paper) => Hash(For(paper));

    /// <summary>The first 16 bytes of the SHA-256 of the text's UTF-8, in lowercase hex.</summary>
    public static string Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
