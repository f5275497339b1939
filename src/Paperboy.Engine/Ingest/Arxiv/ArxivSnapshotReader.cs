namespace Paperboy.Ingest.Arxiv;

/// <summary>Reads the public "arXiv metadata OAI snapshot": JSON Lines, one paper per line.</summary>
/// <remarks>
/// <c>update_date</c> is the day of the daily listing the record came from, so it sets both the update and
/// listing days; the <c>versions</c> array, when present, gives the version and the first publication day.
/// </remarks>
public sealed class ArxivSnapshotReader : JsonLinesReader
{
    public const string FormatName = "arxiv-snapshot";

    public override string Format => FormatName;

    protected override SourceEntry ParseLine(ReadOnlySpan<byte> line, string origin) => ArxivSnapshotRecord.Parse(line, origin);
}
