using System.Net;
using System.Net.Http.Headers;

namespace Paperboy.Harvest;

/// <summary>Fetches one OAI-PMH page politely: paced, with a per-request timeout, retrying transient failures with backoff or as <c>Retry-After</c> says.</summary>
/// <remarks>
/// A small loop rather than a resilience pipeline: every wait must go through <see cref="RequestPacer"/> so that the spacing
/// between requests, backoff and Retry-After are one guarantee measured on one clock.
/// </remarks>
internal sealed class OaiPageFetcher(HttpClient http, ArxivHarvestOptions options, TimeProvider time)
{
    private readonly RequestPacer _pacer = new(options.RequestInterval, time);

    /// <summary>Requests repeated so far after a transient failure.</summary>
    public int Retries { get; private set; }

    public async Task<byte[]> FetchAsync(Uri url, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _pacer.WaitTurnAsync(cancellation);
            var outcome = await TryOnceAsync(url, cancellation);
            if (outcome.Body is { } body)
            {
                _pacer.ReplyEnded(TimeSpan.Zero);
                return body;
            }

            var wait = outcome.RetryAfter ?? Backoff(attempt);
            _pacer.ReplyEnded(wait);
            if (!outcome.Transient)
            {
                throw new HarvestException(url, outcome.Status, $"{outcome.Problem} (not retried)");
            }

            if (attempt >= options.MaxAttempts)
            {
                throw new HarvestException(url, outcome.Status, $"gave up after {attempt} attempts; last: {outcome.Problem}");
            }

            if (wait > options.MaxRetryDelay)
            {
                throw new HarvestException(url, outcome.Status, $"{outcome.Problem}, and the server asks to wait {wait.TotalSeconds:0} s, more than the {options.MaxRetryDelay.TotalSeconds:0} s allowed");
            }

            Retries++;
            options.Retrying?.Invoke(new HarvestRetry(url, outcome.Problem, wait, attempt + 1, options.MaxAttempts));
        }
    }

    private async Task<Attempt> TryOnceAsync(Uri url, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.IsSuccessStatusCode)
            {
                return new Attempt(await response.Content.ReadAsByteArrayAsync(deadline.Token), response.StatusCode, "", false, null);
            }

            var status = (int)response.StatusCode;
            var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            var retryAfter = RetryDelay(response.Headers.RetryAfter, time.GetUtcNow());
            return new Attempt(null, response.StatusCode, $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), transient, retryAfter);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new Attempt(null, null, $"no complete reply within {options.RequestTimeout.TotalSeconds:0.###} s", true, null);
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            // Refused or reset connections, and bodies cut off mid-way, are worth another try.
            return new Attempt(null, null, $"request failed: {error.Message}", true, null);
        }
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(options.RetryBaseDelay.Ticks * (1L << Math.Min(attempt - 1, 30)), options.MaxRetryDelay.Ticks));

    /// <summary>The wait a <c>Retry-After</c> header asks for: seconds, or an HTTP date (a date already past means no wait).</summary>
    internal static TimeSpan? RetryDelay(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) => retryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private sealed record Attempt(byte[]? Body, HttpStatusCode? Status, string Problem, bool Transient, TimeSpan? RetryAfter);
}
