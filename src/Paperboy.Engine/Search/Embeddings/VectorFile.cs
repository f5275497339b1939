using System.IO.Compression;
using System.Text;
using Paperboy.Ingest;
using Paperboy.Store;

namespace Paperboy.Search.Embeddings;

/// <summary>One paper's vector in a vector file, with the hash of the text it was computed from.</summary>
public sealed record VectorFileEntry(string PaperId, string TextHash, float[] Vector);

/// <summary>
/// Paperboy's portable vector file: the vectors of one model, so that embedding work done once (on a node, or for the
/// shipped demo corpus) is reused elsewhere instead of repeated.
/// </summary>
/// <remarks>
/// Gzip over a small binary layout: a magic line, the format version, the model (name, version, dimension), the entry
/// count, then per entry the paper id, its text hash and the vector as half-precision floats. Half precision halves the
/// size for a relative error near 1e-3 per component, far below what moves a cosine ranking of normalised vectors;
/// readers re-normalise.
/// </remarks>
public static class VectorFile
{
    private const string Magic = "paperboy-vectors";
    private const int FormatVersion = 1;

    /// <summary>Writes <paramref name="entries"/> (exactly <paramref name="count"/> of them) of <paramref name="model"/>.</summary>
    public static void Write(Stream output, EmbeddingModel model, int count, IEnumerable<VectorFileEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(entries);
        using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(model.Name);
        writer.Write(model.Version);
        writer.Write(model.Dimension);
        writer.Write(count);
        var written = 0;
        foreach (var entry in entries)
        {
            if (entry.Vector.Length != model.Dimension)
            {
                throw new ArgumentException($"the vector of {entry.PaperId} has {entry.Vector.Length} components, the model {model.Name} {model.Dimension}", nameof(entries));
            }

            writer.Write(entry.PaperId);
            writer.Write(entry.TextHash);
            foreach (var component in entry.Vector)
            {
                writer.Write((Half)component);
            }

            written++;
        }

        if (written != count)
        {
            throw new ArgumentException($"{written} entries were given for a declared count of {count}", nameof(count));
        }
    }

    /// <summary>Reads a vector file; <paramref name="origin"/> names it in errors.</summary>
    /// <exception cref="InputException">The file is not a Paperboy vector file, or it is cut short.</exception>
    public static VectorFileReader Read(Stream input, string origin) => new(input, origin);

    /// <summary>A vector file being read: its model, then its entries, streamed.</summary>
    public sealed class VectorFileReader : IDisposable
    {
        private readonly BinaryReader _reader;
        private readonly string _origin;

        internal VectorFileReader(Stream input, string origin)
        {
            _origin = origin;

            // Vector files are gzip: anything else (a JSON Lines file given by mistake) is named for what it is not.
            if (input.CanSeek)
            {
                var start = input.Position;
                Span<byte> head = stackalloc byte[2];
                var gzip = input.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && head[0] == 0x1f && head[1] == 0x8b;
                input.Position = start;
                if (!gzip)
                {
                    throw new InputException(origin, "not a Paperboy vector file (it is not gzip; 'paperboy vectors export' writes gzipped files)");
                }
            }

            _reader = new BinaryReader(new GZipStream(input, CompressionMode.Decompress), Encoding.UTF8);
            var magic = Guard(() => _reader.ReadString(), "its header");
            if (magic != Magic)
            {
                throw new InputException(origin, "not a Paperboy vector file (it does not start with the paperboy-vectors header)");
            }

            var version = Guard(_reader.ReadInt32, "its header");
            if (version != FormatVersion)
            {
                throw new InputException(origin, $"vector file format {version} is not one this Paperboy reads ({FormatVersion})");
            }

            Model = new EmbeddingModel(Guard(_reader.ReadString, "its header"), Guard(_reader.ReadString, "its header"), Guard(_reader.ReadInt32, "its header"));
            Count = Guard(_reader.ReadInt32, "its header");
            if (Model.Dimension <= 0 || Count < 0)
            {
                throw new InputException(origin, $"header declares dimension {Model.Dimension} and {Count} entries");
            }
        }

        /// <summary>The model the vectors belong to.</summary>
        public EmbeddingModel Model { get; }

        /// <summary>How many entries the file declares.</summary>
        public int Count { get; }

        /// <summary>The entries in file order, each vector re-normalised to unit length.</summary>
        public IEnumerable<VectorFileEntry> Entries()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return Guard(ReadEntry, $"entry {i + 1} of {Count}");
            }
        }

        public void Dispose() => _reader.Dispose();

        private VectorFileEntry ReadEntry()
        {
            var id = _reader.ReadString();
            var hash = _reader.ReadString();
            var vector = new float[Model.Dimension];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = (float)_reader.ReadHalf();
            }

            VectorMath.Normalize(vector);
            return new VectorFileEntry(id, hash, vector);
        }

        private T Guard<T>(Func<T> read, string what)
        {
            try
            {
                return read();
            }
            catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
            {
                throw new InputException(_origin, $"cut short or damaged while reading {what}: {e.Message}", e);
            }
        }
    }
}
