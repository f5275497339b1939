using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

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
            if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal))
            {
                options.KnownProxies.Add(address);
            }
            else if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else
            {
                throw new InvalidOperationException(
                    $"{Setting}: '{entry}' is not an IP address or network: give the proxies' addresses or networks, comma-separated, e.g. 127.0.0.1,10.0.0.0/8.");
            }
        }

        return options;
    }
}
