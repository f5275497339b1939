namespace Paperboy.Ingest;

/// <summary>Reads one input format as a stream of records, in constant memory.</summary>
public interface IPaperReader
{
    /// <summary>The format's name, as <c>--format</c> takes it and as field provenance records it.</summary>
    string Format { get; }

    /// <summary>Reads <paramref name="input"/> (already decompressed); <paramref name="name"/> is the file name used in messages.</summary>
    /// <remarks>Bad records come back as errors; input that cannot be read on throws <see cref="InputException"/>.</remarks>
    IEnumerable<SourceEntry> Read(Stream input, string name);
}
