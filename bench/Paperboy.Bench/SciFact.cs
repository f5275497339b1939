using System.Text.Json;

namespace Paperboy.Bench;

/// <summary>The BEIR SciFact corpus, queries and train judgements as read from its folder.</summary>
internal sealed class SciFact
{
    public required IReadOnlyList<SciFactDocument> Documents { get; init; }

    public required IReadOnlyDictionary<string, string> Queries { get; init; }

    /// <summary>Query id → (document id → relevance grade), from qrels/train.tsv.</summary>
    public required IReadOnlyDictionary<string, Dictionary<string, int>> TrainJudgements { get; init; }

    public static SciFact Load(string folder) => new()
    {
        Documents = LoadDocuments(folder),
        Queries = ReadJsonLines(Path.Combine(folder, "queries.jsonl"))
            .ToDictionary(o => o.GetProperty("_id").GetString()!, o => o.GetProperty("text").GetString()!),
        TrainJudgements = ReadJudgements(Path.Combine(folder, "qrels", "train.tsv")),
    };

    public static IReadOnlyList<SciFactDocument> LoadDocuments(string folder) =>
        ReadJsonLines(Path.Combine(folder, "corpus.jsonl"))
            .Select(o => new SciFactDocument(o.GetProperty("_id").GetString()!, o.GetProperty("title").GetString() ?? "", o.GetProperty("text").GetString() ?? ""))
            .ToList();

    private static IEnumerable<JsonElement> ReadJsonLines(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            JsonElement element;
            try
            {
                element = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: {e.Message}", e);
            }

            yield return element;
        }
    }

    private static Dictionary<string, Dictionary<string, int>> ReadJudgements(string path)
    {
        var judgements = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Split('\t');
            if (number == 1 && fields[0] == "query-id")
            {
                continue;
            }

            if (fields.Length != 3 || !int.TryParse(fields[2], out var grade))
            {
                throw new InvalidDataException($"{path}:{number}: expected 'query-id<TAB>corpus-id<TAB>score', got '{line}'.");
            }

            if (!judgements.TryGetValue(fields[0], out var relevant))
            {
                judgements[fields[0]] = relevant = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            relevant[fields[1]] = grade;
        }

        return judgements;
    }
}

/// <summary>One SciFact abstract.</summary>
internal sealed record SciFactDocument(string Id, string Title, string Text);
