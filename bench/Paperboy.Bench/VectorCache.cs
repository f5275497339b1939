namespace Paperboy.Bench;

/// <summary>Document vectors saved to a binary file, so an expensive embedding run is done once per model and version.</summary>
internal static class VectorCache
{
    private const string Magic = "paperboy-vectors-1";

    public static string PathFor(string corpus, string embedderName, string embedderVersion) =>
        Path.Combine(BenchReport.ResultsFolder(), "cache",
            $"{corpus}-{embedderName}-{embedderVersion.Replace(';', '-')}.vec");

    /// <summary>The saved vectors, or null when the file is missing or was written for other ids or another version.</summary>
    public static float[][]? TryRead(string path, string version, IReadOnlyList<string> ids)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != Magic || reader.ReadString() != version)
        {
            return null;
        }

        var count = reader.ReadInt32();
        var dimension = reader.ReadInt32();
        if (count != ids.Count)
        {
            return null;
        }

        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            if (reader.ReadString() != ids[i])
            {
                return null;
            }

            vectors[i] = new float[dimension];
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors[i].AsSpan()));
        }

        return vectors;
    }

    public static void Write(string path, string version, IReadOnlyList<string> ids, float[][] vectors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Magic);
            writer.Write(version);
            writer.Write(vectors.Length);
            writer.Write(vectors.Length == 0 ? 0 : vectors[0].Length);
            for (var i = 0; i < vectors.Length; i++)
            {
                writer.Write(ids[i]);
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors[i].AsSpan()));
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
