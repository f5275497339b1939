namespace Paperboy.Ingest;

/// <summary>What an import did: counts, the first errors, and files that could not be read to the end.</summary>
public sealed record ImportReport
{
    /// <summary>How many bad-record messages a report keeps; the count goes on past it.</summary>
    public const int MaxErrorsKept = 20;

    public int New { get; init; }

    public int Changed { get; init; }

    public int Unchanged { get; init; }

    public int Skipped { get; init; }

    public int Files { get; init; }

    /// <summary>The first <see cref="MaxErrorsKept"/> bad records skipped, with where they were.</summary>
    public IReadOnlyList<InputError> Errors { get; init; } = [];

    /// <summary>Inputs abandoned part-way (what was read before the failure is kept).</summary>
    public IReadOnlyList<string> FailedInputs { get; init; } = [];

    public bool Cancelled { get; init; }

    /// <summary>With <see cref="ImportOptions.Strict"/>: the bad record, or unreadable input, the import stopped at; the records before it are kept.</summary>
    public InputError? StoppedAt { get; init; }

    public TimeSpan Elapsed { get; init; }

    public int Records => New + Changed + Unchanged;
}

/// <summary>Progress of a running import, reported after each committed batch.</summary>
public sealed record ImportProgress(string Input, long BytesRead, long BytesTotal, int Records, int Skipped);

/// <summary>Ends the parsing of a strict import at a bad record; <see cref="ImportReport.StoppedAt"/> tells the caller.</summary>
internal sealed class StrictImportException(InputError error) : Exception(error.ToString())
{
    public InputError Error { get; } = error;
}
