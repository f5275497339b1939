using System.Text.Json.Serialization;
using Paperboy.Ingest;

namespace Paperboy.Cli;

/// <summary>The <c>--json</c> output of <c>import</c>.</summary>
internal sealed record ImportSummary(
    [property: JsonPropertyName("new")] int New,
    [property: JsonPropertyName("changed")] int Changed,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("skipped")] int Skipped,
    [property: JsonPropertyName("files")] int Files,
    [property: JsonPropertyName("cancelled")] bool Cancelled,
    [property: JsonPropertyName("elapsed_seconds")] double ElapsedSeconds,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors,
    [property: JsonPropertyName("failed_inputs")] IReadOnlyList<string> FailedInputs,
    [property: JsonPropertyName("stopped_at")] string? StoppedAt)
{
    public static ImportSummary From(ImportReport report) => new(
        report.New, report.Changed, report.Unchanged, report.Skipped, report.Files, report.Cancelled,
        Math.Round(report.Elapsed.TotalSeconds, 3), report.Errors.Select(e => e.ToString()).ToList(), report.FailedInputs,
        report.StoppedAt?.ToString());
}

/// <summary>The <c>--json</c> output of <c>stats</c>.</summary>
internal sealed record StatsSummary(
    [property: JsonPropertyName("papers")] long Papers,
    [property: JsonPropertyName("with_arxiv_id")] long WithArxivId,
    [property: JsonPropertyName("with_abstract")] long WithAbstract,
    [property: JsonPropertyName("upvotes")] long Upvotes,
    [property: JsonPropertyName("first_listed")] DateOnly? FirstListed,
    [property: JsonPropertyName("last_listed")] DateOnly? LastListed,
    [property: JsonPropertyName("change_sequence")] long ChangeSequence,
    [property: JsonPropertyName("schema_version")] int SchemaVersion,
    [property: JsonPropertyName("store")] string Store);

/// <summary>The <c>--json</c> output of <c>vectors import</c>, one object per file.</summary>
internal sealed record VectorsSummary(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("saved")] int Saved,
    [property: JsonPropertyName("unknown_papers")] int UnknownPapers,
    [property: JsonPropertyName("changed_texts")] int ChangedTexts);

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(ImportSummary))]
[JsonSerializable(typeof(StatsSummary))]
[JsonSerializable(typeof(VectorsSummary))]
internal sealed partial class CliJson : JsonSerializerContext;
