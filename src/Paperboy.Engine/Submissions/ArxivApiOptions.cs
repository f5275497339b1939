using Paperboy.Harvest;

namespace Paperboy.Submissions;

/// <summary>Where and how politely <see cref="ArxivApiClient"/> asks arXiv's query API for a paper's metadata.</summary>
/// <remarks>The defaults follow arXiv's API terms: one request at a time, at least 3 s apart.</remarks>
public sealed record ArxivApiOptions
{
    public const string DefaultUserAgent = "Paperboy/0.1 (self-hosted research-paper feed; paper submissions)";

    /// <summary>The query endpoint; tests and mirrors point it elsewhere.</summary>
    public Uri BaseAddress { get; init; } = new("https://export.arxiv.org/api/query");

    /// <summary>The least time between the end of one reply and the next request.</summary>
    public TimeSpan RequestInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one request may take, reply body included; a person is waiting, so it is short.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per paper, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait after the first transient failure; it doubles with each further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest wait a <c>Retry-After</c> header may ask for; a longer one fails the submission instead.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent with every request so arXiv can tell who is asking; add a contact address for production use.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>Told of each transient failure before the wait and the retry, so that the person waiting sees why.</summary>
    public Action<HarvestRetry>? Retrying { get; init; }

    /// <summary>The same politeness in the terms of the harvester's fetcher, which does the pacing and retrying.</summary>
    internal ArxivHarvestOptions ForFetcher() => new()
    {
        BaseAddress = BaseAddress,
        RequestInterval = RequestInterval,
        RequestTimeout = RequestTimeout,
        MaxAttempts = MaxAttempts,
        RetryBaseDelay = RetryBaseDelay,
        MaxRetryDelay = MaxRetryDelay,
        UserAgent = UserAgent,
        Retrying = Retrying,
    };
}
