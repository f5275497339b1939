using System.Net;
using Paperboy.Harvest;
using Paperboy.Ingest;
using Paperboy.Ingest.Arxiv;
using Paperboy.Papers;

namespace Paperboy.Submissions;

/// <summary>Fetches one paper's metadata from arXiv's query API, politely: one request at a time for the whole process, paced and retried as the harvester does.</summary>
/// <remarks>Meant to live as one shared instance (a web host's singleton): concurrent callers queue for their turn.</remarks>
public sealed class ArxivApiClient : IDisposable
{
    private readonly ArxivApiOptions _options;
    private readonly HttpClient _http;
    private readonly OaiPageFetcher _fetcher;
    private readonly SemaphoreSlim _turn = new(1, 1);

    public ArxivApiClient(ArxivApiOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fetcherOptions = options.ForFetcher();
        fetcherOptions.Validate();
        _options = options;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, AutomaticDecompression = DecompressionMethods.All })
        {
            // The fetcher applies its own per-request deadline, which also covers reading the body.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        _fetcher = new OaiPageFetcher(_http, fetcherOptions, time ?? TimeProvider.System);
    }

    /// <summary>The record arXiv has for <paramref name="arxivId"/> (its latest version), or null when arXiv returns no entry.</summary>
    /// <exception cref="SubmissionException">arXiv answered with an error entry (it rejects the id).</exception>
    /// <exception cref="HarvestException">arXiv could not be reached, or kept failing.</exception>
    /// <exception cref="InputException">The reply was not a readable Atom feed, or held another paper.</exception>
    public async Task<PaperRecord?> FetchAsync(string arxivId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(arxivId);
        var url = new UriBuilder(_options.BaseAddress) { Query = $"id_list={Uri.EscapeDataString(arxivId)}&max_results=1" }.Uri;
        byte[] body;
        await _turn.WaitAsync(cancellation);
        try
        {
            body = await _fetcher.FetchAsync(url, cancellation);
        }
        finally
        {
            _turn.Release();
        }

        using var input = new MemoryStream(body, writable: false);
        var entries = new ArxivAtomReader().Read(input, url.ToString()).Take(1).ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        const string ApiError = "arXiv API error: ";
        return entries[0] switch
        {
            { Record: { } record } when record.ArxivId == arxivId => record,
            { Record: { } other } => throw new InputException(other.Origin, $"asked arXiv for {arxivId} and got {other.ArxivId}"),
            { Error: { } error } when error.Message.StartsWith(ApiError, StringComparison.Ordinal) =>
                throw new SubmissionException(SubmissionProblem.UnknownId, $"arXiv rejects the id {arxivId}: {error.Message[ApiError.Length..]}"),
            { Error: { } error } => throw new InputException(error.Origin, error.Message),
            _ => null,
        };
    }

    public void Dispose()
    {
        _http.Dispose();
        _turn.Dispose();
    }
}
