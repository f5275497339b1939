namespace Paperboy.Ingest;

/// <summary>How an import behaves.</summary>
public sealed record ImportOptions
{
    /// <summary>
    /// 2,000 records per transaction. Larger batches rewrite each hot index page fewer times (5,000 measured about 10%
    /// faster on the 75k sample) but took the import's peak memory past 300 MB (326 MB; 383 MB re-importing).
    /// </summary>
    public const int DefaultBatchSize = 2000;

    /// <summary>Stop at the first bad record instead of skipping it.</summary>
    public bool Strict { get; init; }

    /// <summary>Records per transaction: a crash loses at most one uncommitted batch, which a rerun redoes.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The format to read every input as, instead of detecting it.</summary>
    public string? Format { get; init; }
}
