namespace Paperboy.Search.Vectors;

/// <summary>Where a <see cref="VectorIndex"/> keeps its float vectors and how it trades recall for speed once large.</summary>
public sealed record VectorIndexOptions
{
    /// <summary>Exact search in memory up to 50,000 papers, clustered int8 search above.</summary>
    public static VectorIndexOptions Default { get; } = new();

    /// <summary>
    /// The defaults for the indexes of a data directory: float vectors spill to <c>index/vectors</c> there, beside the
    /// other indexes, rather than to the temporary folder, which is often memory-backed (1.5 GB a model at a million papers).
    /// </summary>
    public static VectorIndexOptions ForDataDirectory(string dataDirectory) =>
        Default with { VectorFolder = Path.Combine(dataDirectory, "index", "vectors") };

    /// <summary>
    /// Where the float vectors go once the index clusters (a scratch file, deleted with the index), so that only their
    /// int8 codes, a quarter of the size, stay in the process; null means the system's temporary folder.
    /// </summary>
    public string? VectorFolder { get; init; }

    /// <summary>Keeps the float vectors in memory even once clustered (faster rescoring, four times the memory).</summary>
    public bool KeepVectorsInMemory { get; init; }

    /// <summary>The number of papers from which the index clusters its vectors and probes only the nearest clusters.</summary>
    /// <remarks>An exact scan reads every float (115 MB at 75,000 papers of 384 dimensions: 14 ms of CPU a search here), so it stops paying early.</remarks>
    public int ClusterThreshold { get; init; } = 50_000;

    /// <summary>
    /// About how many papers one cluster holds once clustered; null: 1,000 clusters (as measured best at a million papers)
    /// as long as each holds 64 papers, and never fewer clusters than the square root of the papers.
    /// </summary>
    /// <remarks>By default 64 probes scan 8.2% of 50,000 papers (781 clusters), 6.4% of 75,000 and of a million, and 3.2% of 4 million.</remarks>
    public int? ClusterSize { get; init; }

    /// <summary>How many of the clusters nearest the query are scanned.</summary>
    public int Probes { get; init; } = 64;

    /// <summary>How many candidates beyond the k asked for get their exact score computed.</summary>
    public int ExtraCandidates { get; init; } = 100;
}
