using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Paperboy.Ingest;
using Paperboy.Ingest.Arxiv;

namespace Paperboy.Harvest;

/// <summary>Harvests new and updated arXiv records of one category from arXiv's OAI-PMH endpoint, page by page, politely.</summary>
/// <remarks>
/// Asks for <c>ListRecords</c> in the <c>arXiv</c> metadata format over the category's set (see <see cref="ArxivSets"/>),
/// follows resumption tokens to the end of the list, and hands on the records that list the category.
/// One request at a time over one connection, spaced by <see cref="ArxivHarvestOptions.RequestInterval"/>.
/// </remarks>
public sealed class ArxivHarvester : IDisposable
{
    private readonly ArxivHarvestOptions _options;
    private readonly HttpClient _http;
    private readonly OaiPageFetcher _fetcher;
    private readonly OaiPmhReader _reader = new();

    public ArxivHarvester(ArxivHarvestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _http = CreateClient(options);
        _fetcher = new OaiPageFetcher(_http, options, TimeProvider.System);
    }

    /// <summary>Streams the records of <paramref name="category"/> whose OAI datestamp lies in [<paramref name="from"/>, <paramref name="until"/>].</summary>
    /// <param name="category">An arXiv category (<c>cs.LG</c>, <c>hep-th</c>) or archive (<c>cs</c>, <c>astro-ph</c>).</param>
    /// <param name="from">The first day whose new or changed records to fetch.</param>
    /// <param name="until">The last such day; null for up to today.</param>
    /// <param name="progress">Told after each page; called on the harvesting thread.</param>
    /// <param name="cancellation">Stops the harvest between or during requests.</param>
    /// <exception cref="HarvestException">A page could not be fetched.</exception>
    /// <exception cref="InputException">A page was not a readable OAI-PMH response, or reported an OAI-PMH error.</exception>
    /// <exception cref="ArgumentException">The category is not an arXiv one, or <paramref name="until"/> is before <paramref name="from"/> (thrown at the call).</exception>
    public IAsyncEnumerable<SourceEntry> HarvestAsync(
        string category,
        DateOnly from,
        DateOnly? until = null,
        IProgress<HarvestProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var set = ArxivSets.ForCategory(category);
        if (until < from)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"until ({until:yyyy-MM-dd}) is before from ({from:yyyy-MM-dd})");
        }

        var firstPage = PageUrl(("verb", "ListRecords"), ("metadataPrefix", "arXiv"), ("set", set), ("from", Day(from)), ("until", until is { } last ? Day(last) : null));
        return HarvestPagesAsync(firstPage, category, progress, cancellation);
    }

    private async IAsyncEnumerable<SourceEntry> HarvestPagesAsync(
        Uri firstPage,
        string category,
        IProgress<HarvestProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
        Uri? url = firstPage;
        var (pages, records, kept) = (0, 0L, 0L);
        string? previousToken = null;
        while (url is not null)
        {
            var page = await _fetcher.FetchAsync(url, cancellation);
            OaiResumptionToken? token = null;
            using (var input = new MemoryStream(page, writable: false))
            {
                foreach (var entry in _reader.Read(input, url.ToString(), read => token = read))
                {
                    records++;
                    if (entry.Record is { } record && !ArxivSets.Lists(record.Categories, category))
                    {
                        continue;
                    }

                    kept++;
                    yield return entry;
                }
            }

            pages++;
            progress?.Report(new HarvestProgress(pages, records, kept, token?.Token, token?.CompleteListSize, _fetcher.Retries));
            if (token is { HasMore: true } && token.Token == previousToken)
            {
                // Asking again would get the same page again, forever.
                throw new InputException(url.ToString(), $"the repository returned resumption token '{token.Token}' twice in a row; stopping the harvest");
            }

            previousToken = token?.Token;
            url = token is { HasMore: true } ? PageUrl(("verb", "ListRecords"), ("resumptionToken", token.Token)) : null;
        }
    }

    public void Dispose() => _http.Dispose();

    private Uri PageUrl(params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters
            .Where(parameter => parameter.Value is not null)
            .Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(parameter.Value!)}"));
        return new UriBuilder(_options.BaseAddress) { Query = query }.Uri;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static HttpClient CreateClient(ArxivHarvestOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // arXiv asks bulk harvesters to use a single connection.
            MaxConnectionsPerServer = 1,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };

        // The fetcher applies its own per-request deadline, which also covers reading the body.
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        return http;
    }
}
