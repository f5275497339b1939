namespace Paperboy.Ingest;

/// <summary>How an import behaves.</summary>
public sealed record ImportOptions
{
    /// <summary>Stop at the first bad record instead of skipping it.</summary>
    public bool Strict { get; init; }

    /// <summary>Records per transaction: a crash loses at most one uncommitted batch, which a rerun redoes.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>The format to read every input as, instead of detecting it.</summary>
    public string? Format { get; init; }
}
