using System.Text.Json;
using Paperboy.Ingest;

namespace Paperboy.Search.Evaluation;

/// <summary>A document of a BEIR corpus.</summary>
public sealed record BeirDocument(string Id, string Title, string Text);

/// <summary>A query of a BEIR benchmark.</summary>
public sealed record BeirQuery(string Id, string Text);

/// <summary>Reads the JSON-lines files of a BEIR benchmark (<c>corpus.jsonl</c>, <c>queries.jsonl</c>).</summary>
public static class BeirDataset
{
    /// <summary>The documents of <c>corpus.jsonl</c>: <c>_id</c>, <c>title</c>, <c>text</c>.</summary>
    /// <exception cref="InputException">A line is not such an object; the message names the file and line.</exception>
    public static IEnumerable<BeirDocument> ReadCorpus(string path) =>
        ReadObjects(path).Select(o => new BeirDocument(o.Id, o.Get("title"), o.Get("text")));

    /// <summary>The queries of <c>queries.jsonl</c>: <c>_id</c>, <c>text</c>.</summary>
    public static IEnumerable<BeirQuery> ReadQueries(string path) =>
        ReadObjects(path).Select(o => new BeirQuery(o.Id, o.Get("text")));

    private static IEnumerable<JsonLine> ReadObjects(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var origin = $"{path}:{lineNumber}";
            Dictionary<string, JsonElement>? fields;
            try
            {
                fields = JsonSerializer.Deserialize(line, BeirJson.Default.DictionaryStringJsonElement);
            }
            catch (JsonException e)
            {
                throw new InputException(origin, $"not a JSON object: {e.Message}", e);
            }

            if (fields is null || !fields.TryGetValue("_id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                throw new InputException(origin, "expected an object with a string \"_id\"");
            }

            yield return new JsonLine(id.GetString()!, fields, origin);
        }
    }

    private sealed record JsonLine(string Id, Dictionary<string, JsonElement> Fields, string Origin)
    {
        public string Get(string name) => Fields.TryGetValue(name, out var value) switch
        {
            false => "",
            true when value.ValueKind == JsonValueKind.String => value.GetString()!,
            true when value.ValueKind == JsonValueKind.Null => "",
            _ => throw new InputException(Origin, $"\"{name}\" is not a string"),
        };
    }
}
