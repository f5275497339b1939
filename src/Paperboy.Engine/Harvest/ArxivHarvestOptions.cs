namespace Paperboy.Harvest;

/// <summary>Where and how politely <see cref="ArxivHarvester"/> asks arXiv's OAI-PMH endpoint for records.</summary>
/// <remarks>The defaults follow arXiv's published rules for bulk access: one connection, one request at a time, at least 3 s apart.</remarks>
public sealed record ArxivHarvestOptions
{
    public const string DefaultUserAgent = "Paperboy/0.1 (self-hosted research-paper feed; OAI-PMH harvester)";

    /// <summary>The OAI-PMH base URL; tests point it at a local fake server.</summary>
    public Uri BaseAddress { get; init; } = new("https://oaipmh.arxiv.org/oai");

    /// <summary>The least time between the end of one reply and the next request.</summary>
    public TimeSpan RequestInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one request may take, reply body included, before it is abandoned and retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Attempts per page, the first included, before the harvest fails.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait after the first transient failure; it doubles with each further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait a <c>Retry-After</c> header (or the backoff) may ask for; a longer one fails the harvest instead.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Sent with every request so arXiv can tell who is harvesting; add a contact address for production use.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>Told of each transient failure before the wait and the retry, so that a person sees why nothing arrives.</summary>
    public Action<HarvestRetry>? Retrying { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseAddress, nameof(BaseAddress));
        ArgumentOutOfRangeException.ThrowIfLessThan(RequestInterval, TimeSpan.Zero, nameof(RequestInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBaseDelay, TimeSpan.Zero, nameof(RetryBaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryBaseDelay, nameof(MaxRetryDelay));
        ArgumentException.ThrowIfNullOrWhiteSpace(UserAgent, nameof(UserAgent));
    }
}

/// <summary>A failed request about to be repeated: what failed, how long until the next attempt, and which attempt that is.</summary>
public sealed record HarvestRetry(Uri Url, string Problem, TimeSpan Wait, int NextAttempt, int MaxAttempts)
{
    /// <summary>One line for a person watching: the problem, and when which attempt follows.</summary>
    public string Summary => $"{Problem}; attempt {NextAttempt} of {MaxAttempts} in {Wait.TotalSeconds:0} s";
}
