using System.Text.Encodings.Web;
using System.Text.Json;
using Paperboy.Ingest;

namespace Paperboy.Tests.Support;

/// <summary>Golden files: real input excerpts beside the records expected from them.</summary>
/// <remarks>Set PAPERBOY_UPDATE_GOLDEN=1 to rewrite the expected files from the current output (then review the diff).</remarks>
public static class GoldenFile
{
    private static readonly JsonSerializerOptions _options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The path of a golden file in the test output folder.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Golden", .. parts]);

    /// <summary>Asserts that <paramref name="entries"/> render exactly as <paramref name="expectedFile"/> says.</summary>
    public static void AssertEntries(IEnumerable<SourceEntry> entries, params string[] expectedFile)
    {
        var rendered = entries.Select(e => e.Error is { } error ? (object)new { error = error.ToString().Replace(AppContext.BaseDirectory, "") } : e.Record! with { Origin = e.Record!.Origin.Replace(AppContext.BaseDirectory, "") });
        var actual = JsonSerializer.Serialize(rendered, _options).ReplaceLineEndings("\n") + "\n";
        var expectedPath = PathOf(expectedFile);
        if (Environment.GetEnvironmentVariable("PAPERBOY_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceFolder(), "Golden", Path.Combine(expectedFile));
            File.WriteAllText(source, actual);
            return;
        }

        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }

    /// <summary>Reads a golden input file with <paramref name="reader"/>, as the importer would.</summary>
    public static List<SourceEntry> Read(IPaperReader reader, params string[] inputFile)
    {
        var path = PathOf(inputFile);
        using var stream = File.OpenRead(path);
        return reader.Read(stream, string.Join('/', inputFile)).ToList();
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(path))!;
}
