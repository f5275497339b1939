namespace Paperboy.Search;

/// <summary>The embedders a data directory was last indexed with (by <c>paperboy index</c> or <c>serve</c>): what searching it uses by default.</summary>
public static class IndexedEmbedders
{
    private const string FileName = "embedders";

    /// <summary>The recorded embedder names, comma-separated; <c>none</c> before anything was recorded.</summary>
    public static string Read(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        return File.Exists(path) ? string.Join(',', File.ReadAllLines(path)) : "none";
    }

    /// <summary>Records <paramref name="names"/> as the data directory's embedders (an empty list records none).</summary>
    /// <remarks>
    /// Written beside and renamed over the old file, so that a crash leaves the old list or the new one, never part of
    /// one; a write or rename that fails removes what it wrote.
    /// </remarks>
    public static void Record(string dataDirectory, IEnumerable<string> names)
    {
        var path = PathIn(dataDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var list = names.ToList();
        var written = $"{path}.{Environment.ProcessId}.new";
        try
        {
            File.WriteAllLines(written, list.Count == 0 ? ["none"] : list);
            File.Move(written, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(written);
            throw;
        }
    }

    private static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "index", FileName);
}
