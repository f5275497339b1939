using System.IO.Compression;

namespace Paperboy.Ingest;

/// <summary>One file to import, opened (and gunzipped when it is gzip) with its format detected or forced.</summary>
public sealed class ImportInput
{
    private const int SniffBytes = 8192;

    private readonly Func<Stream> _openRaw;

    private ImportInput(string path, IPaperReader reader, long length, Func<Stream> openRaw)
    {
        Path = path;
        Reader = reader;
        Length = length;
        _openRaw = openRaw;
    }

    /// <summary>The file's path, or the name of an input that is not a file; messages name records by it.</summary>
    public string Path { get; }

    public IPaperReader Reader { get; }

    /// <summary>The file's size on disk (compressed, when it is gzip).</summary>
    public long Length { get; }

    /// <summary>The files under <paramref name="paths"/> (directories are walked, hidden files skipped), in name order.</summary>
    /// <remarks>
    /// A file whose format is not recognised (a README beside the data, an empty file) fails when it is read, as a
    /// corrupt one does, so that the import reports it and goes on with the other files.
    /// </remarks>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static IReadOnlyList<ImportInput> Resolve(IEnumerable<string> paths, string? format)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !System.IO.Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such file or directory", path);
            }
        }

        return files.Select(f => OpenOrDefer(f, format)).ToList();
    }

    /// <summary>The input for one file; its format is <paramref name="format"/>, or detected from its first bytes.</summary>
    public static ImportInput Open(string path, string? format) =>
        FromStream(path, new FileInfo(path).Length, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), format);

    /// <summary>An input that is not a file (an embedded resource, say); <paramref name="openRaw"/> must return a seekable stream.</summary>
    public static ImportInput FromStream(string name, long length, Func<Stream> openRaw, string? format)
    {
        IPaperReader reader;
        if (format is not null)
        {
            reader = PaperFormats.ByName(format);
        }
        else
        {
            using var sniff = OpenDecompressed(openRaw, out _);
            var head = new byte[SniffBytes];
            var read = ReadHead(sniff, head, name);
            string detected;
            try
            {
                detected = PaperFormats.Detect(head.AsSpan(0, read));
            }
            catch (FormatException e)
            {
                throw new InputException(name, $"{e.Message}; force a format with --format ({PaperFormats.Names})", e);
            }

            reader = PaperFormats.All.First(r => r.Format == detected);
        }

        return new ImportInput(name, reader, length, openRaw);
    }

    private static ImportInput OpenOrDefer(string path, string? format)
    {
        try
        {
            return Open(path, format);
        }
        catch (InputException problem)
        {
            return new ImportInput(path, new Unrecognised(problem), new FileInfo(path).Length, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read));
        }
    }

    /// <summary>Opens the input for reading, counting raw bytes read into <paramref name="counter"/>.</summary>
    internal Stream OpenForReading(out CountingStream counter) => OpenDecompressed(_openRaw, out counter);

    private static Stream OpenDecompressed(Func<Stream> openRaw, out CountingStream counter)
    {
        var raw = openRaw();
        Span<byte> magic = stackalloc byte[2];
        var read = raw.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        raw.Position = 0;
        counter = new CountingStream(raw);
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(counter, CompressionMode.Decompress) : counter;
    }

    private static int ReadHead(Stream stream, byte[] head, string path)
    {
        try
        {
            return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new InputException(path, $"corrupt gzip data at the start of the file: {e.Message}", e);
        }
    }

    /// <summary>The reader of a file whose format was not recognised: reading it fails with the reason.</summary>
    private sealed class Unrecognised(InputException problem) : IPaperReader
    {
        public string Format => "unrecognised";

        public IEnumerable<SourceEntry> Read(Stream input, string name) => throw problem;
    }
}
