using System.Globalization;
using Paperboy.Ingest;

namespace Paperboy.Search.Evaluation;

/// <summary>Graded relevance judgments (qrels): for each query, the documents judged and their grades.</summary>
public sealed class RelevanceJudgments(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> byQuery)
{
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByQuery { get; } = byQuery;

    /// <summary>Reads a BEIR qrels file: tab-separated <c>query-id corpus-id score</c>, with or without a header line.</summary>
    /// <exception cref="InputException">A line is malformed; the message names the file and line.</exception>
    public static RelevanceJudgments Load(string path)
    {
        var byQuery = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("query-id", StringComparison.Ordinal)))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3 || fields[0].Length == 0 || fields[1].Length == 0
                || !int.TryParse(fields[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var grade))
            {
                throw new InputException($"{path}:{lineNumber}", "expected 'query-id<TAB>corpus-id<TAB>integer score'");
            }

            if (!byQuery.TryGetValue(fields[0], out var grades))
            {
                byQuery[fields[0]] = grades = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            grades[fields[1]] = grade;
        }

        return new RelevanceJudgments(byQuery.ToDictionary(
            p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal));
    }
}
