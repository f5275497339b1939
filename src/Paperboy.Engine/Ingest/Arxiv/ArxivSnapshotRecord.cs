using System.Globalization;
using System.Text.Json;
using Paperboy.Papers;

namespace Paperboy.Ingest.Arxiv;

/// <summary>Parses one line of the arXiv metadata snapshot into a record.</summary>
internal static class ArxivSnapshotRecord
{
    public static SourceEntry Parse(ReadOnlySpan<byte> json, string origin)
    {
        string? id = null, title = null, authors = null, abstractText = null, categories = null, comments = null, doi = null, updateDate = null;
        int? version = null;
        DateOnly? published = null;
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("versions"u8))
            {
                reader.Read();
                (version, published) = ReadVersions(ref reader);
                continue;
            }

            ref var target = ref Slot(ref reader, ref id, ref title, ref authors, ref abstractText, ref categories, ref comments, ref doi, ref updateDate, out var wanted);
            reader.Read();
            if (wanted && reader.TokenType == JsonTokenType.String)
            {
                target = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("unexpected content after the record's closing brace", null, null, reader.BytesConsumed);
        }

        return Build(origin, id, title, authors, abstractText, categories, comments, doi, updateDate, version, published);
    }

    private static SourceEntry Build(string origin, string? rawId, string? title, string? authors, string? abstractText, string? categories,
        string? comments, string? doi, string? updateDate, int? version, DateOnly? published)
    {
        if (!ArxivId.TryParse(rawId, out var id, out var idVersion))
        {
            return SourceEntry.Bad(origin, rawId is null ? "the record has no \"id\"" : $"\"id\" is not an arXiv id: \"{rawId}\"");
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return SourceEntry.Bad(origin, $"paper {id} has no \"title\"");
        }

        DateOnly? listed = null;
        if (updateDate is not null)
        {
            if (!DateOnly.TryParseExact(updateDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return SourceEntry.Bad(origin, $"paper {id}: \"update_date\" is not a yyyy-MM-dd date: \"{updateDate}\"");
            }

            listed = day;
        }

        return SourceEntry.Of(new PaperRecord
        {
            Source = ArxivSnapshotReader.FormatName,
            Origin = origin,
            ArxivId = id,
            Version = version ?? idVersion,
            Title = TextCleanup.CollapseWhitespace(title),
            Authors = authors is null ? null : AuthorList.Split(TextCleanup.CollapseWhitespace(authors)),
            Abstract = abstractText?.Trim(),
            Categories = categories?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(c => ArxivCategory.IsValid(c)).Distinct().ToArray(),
            Published = published,
            Updated = listed,
            Listed = listed,
            Comments = comments is null ? null : TextCleanup.CollapseWhitespace(comments),
            Doi = doi,
        });
    }

    private static ref string? Slot(ref Utf8JsonReader reader, ref string? id, ref string? title, ref string? authors, ref string? abstractText,
        ref string? categories, ref string? comments, ref string? doi, ref string? updateDate, out bool wanted)
    {
        wanted = true;
        if (reader.ValueTextEquals("id"u8)) { return ref id; }
        if (reader.ValueTextEquals("title"u8)) { return ref title; }
        if (reader.ValueTextEquals("authors"u8)) { return ref authors; }
        if (reader.ValueTextEquals("abstract"u8)) { return ref abstractText; }
        if (reader.ValueTextEquals("categories"u8)) { return ref categories; }
        if (reader.ValueTextEquals("comments"u8)) { return ref comments; }
        if (reader.ValueTextEquals("doi"u8)) { return ref doi; }
        if (reader.ValueTextEquals("update_date"u8)) { return ref updateDate; }
        wanted = false;
        return ref id;
    }

    /// <summary>Reads <c>[{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}, ...]</c>: the last version and the first day.</summary>
    private static (int? Version, DateOnly? Published) ReadVersions(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return (null, null);
        }

        int? last = null;
        DateOnly? first = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("version"u8);
                var isCreated = reader.ValueTextEquals("created"u8);
                reader.Read();
                if (isVersion && reader.TokenType == JsonTokenType.String && int.TryParse(reader.GetString()?.TrimStart('v'), out var v))
                {
                    last = Math.Max(last ?? 0, v);
                }
                else if (isCreated && first is null && reader.TokenType == JsonTokenType.String
                    && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
                {
                    first = DateOnly.FromDateTime(created.UtcDateTime);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return (last, first);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"expected a JSON object, found {reader.TokenType}", null, null, reader.BytesConsumed);
        }
    }
}
