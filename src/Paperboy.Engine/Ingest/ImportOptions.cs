namespace Paperboy.Ingest;

/// <summary>How an import behaves.</summary>
public sealed record ImportOptions
{
    /// <summary>
    /// 5,000 records per transaction. Each commit writes every page it touched to the log, and new title keys land all
    /// over the title-key index, so larger transactions write less (on the 75k sample: 100k log writes at 2,000, 78k at
    /// 5,000, 72k at 10,000). Records cross to the store in small hand-overs whatever the transaction's size, so this
    /// costs SQLite's page cache (bounded), not managed memory.
    /// </summary>
    public const int DefaultBatchSize = 5000;

    /// <summary>Stop at the first bad record instead of skipping it.</summary>
    public bool Strict { get; init; }

    /// <summary>Records per transaction: a crash loses at most one uncommitted batch, which a rerun redoes.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The format to read every input as, instead of detecting it.</summary>
    public string? Format { get; init; }
}
