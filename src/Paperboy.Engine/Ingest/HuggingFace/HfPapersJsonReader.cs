using System.Globalization;
using System.Text.Json;
using Paperboy.Papers;

namespace Paperboy.Ingest.HuggingFace;

/// <summary>Reads the JSON of the Hugging Face papers API (<c>/api/daily_papers</c>, <c>/api/papers/search</c>), as an array or as JSON Lines.</summary>
/// <remarks>
/// An item is either a daily-papers entry (<c>{"paper": {...}, "publishedAt", "title", ...}</c>) or a paper object itself.
/// Paper fields are taken from <c>paper</c> first and from the item's top level when <c>paper</c> lacks them.
/// <c>paper.publishedAt</c> is the publication day; the entry's own <c>publishedAt</c> (else <c>paper.submittedOnDailyAt</c>)
/// is the day the paper was on the daily list. Titles have their whitespace collapsed; summaries are kept as given,
/// line breaks included, as for every source. All authors are kept, including those the site marks <c>hidden</c>.
/// </remarks>
public sealed class HfPapersJsonReader : IPaperReader
{
    public const string FormatName = "hf-json";

    public string Format => FormatName;

    public IEnumerable<SourceEntry> Read(Stream input, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(name);
        return ReadEntries(input, name);
    }

    private static IEnumerable<SourceEntry> ReadEntries(Stream input, string name)
    {
        var scanner = new JsonItemScanner(input, name);
        while (scanner.Next() is { } item)
        {
            using (item)
            {
                yield return ToEntry(item, name);
            }
        }
    }

    private static SourceEntry ToEntry(JsonItem item, string name)
    {
        var origin = $"{name}:{item.Line} (item {item.Index}, byte offset {item.ByteOffset})";
        try
        {
            return ToEntry(item.Document.RootElement, origin);
        }
        catch (FieldException error)
        {
            return SourceEntry.Bad(origin, error.Message);
        }
    }

    private static SourceEntry ToEntry(JsonElement entry, string origin)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return SourceEntry.Bad(origin, $"the item is a JSON {Kind(entry)}, not an object with a paper");
        }

        var wrapped = entry.TryGetProperty("paper", out var inner) && inner.ValueKind == JsonValueKind.Object;
        var paper = wrapped ? inner : entry;
        var title = TextCleanup.CollapseWhitespace(Text(paper, "title") ?? (wrapped ? Text(entry, "title") : null));
        if (title.Length == 0)
        {
            return SourceEntry.Bad(origin, "the paper has no title (no \"title\" in \"paper\" nor at the item's top level)");
        }

        string? arxivId = null;
        int? version = null;
        if (Text(paper, "id") is { } id && ArxivId.TryParse(id, out var parsedId, out var parsedVersion))
        {
            arxivId = parsedId;
            version = parsedVersion;
        }

        var listed = wrapped ? Day(entry, "publishedAt") ?? Day(paper, "submittedOnDailyAt") : Day(paper, "submittedOnDailyAt");
        return SourceEntry.Of(new PaperRecord
        {
            Source = FormatName,
            Origin = origin,
            ArxivId = arxivId,
            Version = version,
            Title = title,
            Abstract = Text(paper, "summary") ?? (wrapped ? Text(entry, "summary") : null),
            Authors = Authors(paper),
            Published = Day(paper, "publishedAt"),
            Listed = listed,
            Upvotes = Count(paper, "upvotes") ?? (wrapped ? Count(entry, "upvotes") : null),
        });
    }

    private static List<string>? Authors(JsonElement paper)
    {
        if (!paper.TryGetProperty("authors", out var authors) || authors.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (authors.ValueKind != JsonValueKind.Array)
        {
            throw new FieldException($"\"authors\" is a JSON {Kind(authors)}, expected an array");
        }

        var names = new List<string>();
        var position = 0;
        foreach (var author in authors.EnumerateArray())
        {
            position++;
            var authorName = author.ValueKind switch
            {
                JsonValueKind.String => author.GetString(),
                JsonValueKind.Object => Text(author, "name"),
                _ => throw new FieldException($"author {position} is a JSON {Kind(author)}, expected an object with a \"name\""),
            };
            if (TextCleanup.CollapseWhitespace(authorName) is { Length: > 0 } cleaned)
            {
                names.Add(cleaned);
            }
        }

        return names.Count > 0 ? names : null;
    }

    private static string? Text(JsonElement owner, string property)
    {
        if (!owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FieldException($"\"{property}\" is a JSON {Kind(value)}, expected a string");
    }

    private static int? Count(JsonElement owner, string property)
    {
        if (!owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw new FieldException($"\"{property}\" is {value.GetRawText()}, expected a whole number of at least 0");
    }

    private static DateOnly? Day(JsonElement owner, string property)
    {
        if (Text(owner, property) is not { } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            ? DateOnly.FromDateTime(moment.UtcDateTime)
            : throw new FieldException($"\"{property}\" is \"{text}\", expected an ISO 8601 date and time");
    }


    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    /// <summary>A field of one item has the wrong type or form; the item is skipped, the input read on.</summary>
    private sealed class FieldException(string message) : Exception(message);
}
