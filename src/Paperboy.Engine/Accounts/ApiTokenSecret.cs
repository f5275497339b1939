using System.Security.Cryptography;
using System.Text;

namespace Paperboy.Accounts;

/// <summary>Makes personal API token secrets and the SHA-256 hashes the store keeps instead of them.</summary>
/// <remarks>
/// A token carries 256 random bits, so a fast hash is enough (unlike passwords, it cannot be guessed from a dictionary),
/// and a lookup by hash needs no per-user salt. The prefix lets people and secret scanners recognise a Paperboy token.
/// </remarks>
public static class ApiTokenSecret
{
    public const string Prefix = "pbt_";

    private static readonly System.Buffers.SearchValues<char> _base64Url =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>A new random secret: the prefix and 43 URL-safe base64 characters.</summary>
    public static string Create() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The lowercase hex SHA-256 of the secret's UTF-8 bytes.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>True when <paramref name="text"/> has the shape of a secret made by <see cref="Create"/>.</summary>
    public static bool LooksLikeSecret(string? text) =>
        text is { Length: 47 } && text.StartsWith(Prefix, StringComparison.Ordinal)
        && text.AsSpan(Prefix.Length).IndexOfAnyExcept(_base64Url) < 0;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
