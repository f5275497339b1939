using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging;

namespace Paperboy.Web.Operations;

/// <summary>
/// Believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> only from the reverse proxies named in
/// <c>Paperboy:TrustedProxies</c>, so that behind one the rate limits count visitors and links say <c>https://</c>,
/// while nobody else can pass for another address by sending the headers.
/// </summary>
internal static class TrustedProxies
{
    /// <summary>The setting's name, as errors give it.</summary>
    private const string Setting = "Paperboy:TrustedProxies";

    /// <summary>Reads forwarded headers from the proxies named in <paramref name="setting"/>; nothing when it names none.</summary>
    /// <exception cref="InvalidOperationException">An entry is neither an address nor a network.</exception>
    public static void UseTrustedProxies(this WebApplication app, string? setting)
    {
        if (string.Equals(app.Configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            TrustedProxiesLog.EveryoneTrusted(app.Logger, Setting);
        }

        if (Parse(setting) is { } options)
        {
            app.UseForwardedHeaders(options);
        }
    }

    /// <summary>The forwarded-headers options for <paramref name="setting"/> (addresses and CIDR networks, comma-separated); null when empty.</summary>
    internal static ForwardedHeadersOptions? Parse(string? setting)
    {
        var entries = (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            return null;
        }

        // No limit on hops: each one is read only while the address it came from is a trusted proxy.
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = null };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            if (Address(slash < 0 ? entry : entry[..slash]) is not { } address || (slash >= 0 && !System.Net.IPNetwork.TryParse(entry, out _)))
            {
                throw new InvalidOperationException(
                    $"{Setting}: '{entry}' is not an IP address or network: give the proxies' addresses or networks, comma-separated, e.g. 127.0.0.1,10.0.0.0/8.");
            }

            if (slash < 0)
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
        }

        return options;
    }

    /// <summary>
    /// The address written in <paramref name="text"/>: IPv6, or IPv4 as four decimal numbers up to 255. Null for anything
    /// else, including the short and zero-padded forms the system parser also takes (<c>10</c> is 0.0.0.10, and
    /// <c>010</c> is read as octal) and addresses with a port.
    /// </summary>
    private static IPAddress? Address(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            // An IPv4 address written as mapped into IPv6 is taken as the IPv4 one: the middleware compares senders so.
            return !text.Contains('[', StringComparison.Ordinal) && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? (v6.IsIPv4MappedToIPv6 ? v6.MapToIPv4() : v6)
                : null;
        }

        var parts = text.Split('.');
        var decimalBytes = parts.Length == 4 && parts.All(part =>
            part.Length is > 0 and <= 3 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0') && int.Parse(part, CultureInfo.InvariantCulture) <= 255);
        return decimalBytes ? IPAddress.Parse(text) : null;
    }
}

/// <summary>What the forwarded-headers set-up logs.</summary>
internal static partial class TrustedProxiesLog
{
    [LoggerMessage(1, LogLevel.Warning,
        "ASPNETCORE_FORWARDEDHEADERS_ENABLED is set: ASP.NET Core believes X-Forwarded-For and X-Forwarded-Proto from any sender, "
        + "so anyone can pass for another address; name the proxies in {Setting} instead and unset it")]
    public static partial void EveryoneTrusted(ILogger logger, string setting);
}
