using System.Text.Json;
using System.Text.Json.Nodes;
using Paperboy.Ingest;

namespace Paperboy.Tests.Ingest.HuggingFace;

/// <summary>Runs a reader over a golden input in Golden/hf and compares every field of every entry with its <c>.expected.json</c>.</summary>
internal static class HfGolden
{
    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true };

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Golden", "hf", file);

    public static List<SourceEntry> Read(IPaperReader reader, string file)
    {
        using var stream = File.OpenRead(PathOf(file));
        return [.. reader.Read(stream, file)];
    }

    public static void AssertMatches(IPaperReader reader, string file)
    {
        var actual = Read(reader, file).Select(ToJson).ToList();
        var expected = JsonNode.Parse(File.ReadAllText(PathOf(file + ".expected.json")))!.AsArray();

        for (var i = 0; i < Math.Min(actual.Count, expected.Count); i++)
        {
            if (!JsonNode.DeepEquals(expected[i], actual[i]))
            {
                Assert.Fail($"{file}, entry {i + 1} differs.\nexpected: {expected[i]!.ToJsonString(_indented)}\nactual:   {actual[i].ToJsonString(_indented)}");
            }
        }

        Assert.Equal(expected.Count, actual.Count);
    }

    /// <summary>Every field of the entry, in the layout of the expected files.</summary>
    public static JsonObject ToJson(SourceEntry entry)
    {
        if (entry.Error is { } error)
        {
            return new JsonObject { ["error"] = new JsonObject { ["origin"] = error.Origin, ["message"] = error.Message } };
        }

        var r = entry.Record!;
        return new JsonObject
        {
            ["record"] = new JsonObject
            {
                ["source"] = r.Source,
                ["origin"] = r.Origin,
                ["arxivId"] = r.ArxivId,
                ["version"] = r.Version,
                ["title"] = r.Title,
                ["authors"] = r.Authors is null ? null : new JsonArray([.. r.Authors.Select(a => (JsonNode)a)]),
                ["authorCount"] = r.AuthorCount,
                ["abstract"] = r.Abstract,
                ["categories"] = r.Categories is null ? null : new JsonArray([.. r.Categories.Select(c => (JsonNode)c)]),
                ["published"] = r.Published?.ToString("yyyy-MM-dd"),
                ["updated"] = r.Updated?.ToString("yyyy-MM-dd"),
                ["listed"] = r.Listed?.ToString("yyyy-MM-dd"),
                ["upvotes"] = r.Upvotes,
                ["comments"] = r.Comments,
                ["doi"] = r.Doi,
            },
        };
    }
}
