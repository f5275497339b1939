using Paperboy.Papers;

namespace Paperboy.Ingest;

/// <summary>One entry a reader found in its input: a record, or a bad record it skipped with the reason.</summary>
public readonly record struct SourceEntry(PaperRecord? Record, InputError? Error)
{
    public static SourceEntry Of(PaperRecord record) => new(record, null);

    public static SourceEntry Bad(string origin, string message) => new(null, new InputError(origin, message));
}

/// <summary>What was wrong with one record, and where (file and line, or byte offset).</summary>
public sealed record InputError(string Origin, string Message)
{
    public override string ToString() => $"{Origin}: {Message}";
}

/// <summary>The input cannot be read any further (a truncated gzip stream, XML in the wrong namespace, ...).</summary>
public sealed class InputException(string origin, string message, Exception? inner = null)
    : Exception($"{origin}: {message}", inner)
{
    public string Origin { get; } = origin;

    public string Reason { get; } = message;
}
