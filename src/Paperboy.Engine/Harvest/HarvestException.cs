using System.Net;

namespace Paperboy.Harvest;

/// <summary>A harvest request failed for good: the server refused it, or kept failing until the attempts ran out.</summary>
public sealed class HarvestException(Uri url, HttpStatusCode? status, string message, Exception? inner = null)
    : Exception($"{url}: {message}", inner)
{
    public Uri Url { get; } = url;

    /// <summary>The last HTTP status received, or null when no reply came (timeout, connection failure).</summary>
    public HttpStatusCode? Status { get; } = status;
}
