using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Paperboy.Papers;

namespace Paperboy.Store.Sqlite;

/// <summary>Maps papers to and from rows of the <c>papers</c> table.</summary>
internal static class SqlitePaperRows
{
    public const string Columns = "id, version, title, authors, author_count, abstract, categories, published, updated, listed, upvotes, comments, doi, sources, seq";

    public const string Upsert = """
        INSERT INTO papers (id, version, title, title_key, authors, author_count, abstract, categories, published, updated, listed, upvotes, comments, doi, sources, seq)
        VALUES ($id, $version, $title, $title_key, $authors, $author_count, $abstract, $categories, $published, $updated, $listed, $upvotes, $comments, $doi, $sources, $seq)
        ON CONFLICT (id) DO UPDATE SET
            version = excluded.version, title = excluded.title, title_key = excluded.title_key, authors = excluded.authors,
            author_count = excluded.author_count, abstract = excluded.abstract, categories = excluded.categories,
            published = excluded.published, updated = excluded.updated, listed = excluded.listed, upvotes = excluded.upvotes,
            comments = excluded.comments, doi = excluded.doi, sources = excluded.sources, seq = excluded.seq;
        """;

    public static Paper Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Version = reader.IsDBNull(1) ? null : reader.GetInt32(1),
        Title = reader.GetString(2),
        Authors = JsonSerializer.Deserialize(reader.GetString(3), StoreJson.Default.StringArray) ?? [],
        AuthorCount = reader.IsDBNull(4) ? null : reader.GetInt32(4),
        Abstract = reader.GetString(5),
        Categories = SplitCategories(reader.GetString(6)),
        Published = ReadDay(reader, 7),
        Updated = ReadDay(reader, 8),
        Listed = ReadDay(reader, 9),
        Upvotes = reader.GetInt32(10),
        Comments = reader.IsDBNull(11) ? null : reader.GetString(11),
        Doi = reader.IsDBNull(12) ? null : reader.GetString(12),
        Sources = JsonSerializer.Deserialize(reader.GetString(13), StoreJson.Default.DictionaryStringString) ?? [],
        Sequence = reader.GetInt64(14),
    };

    /// <summary>Prepares the upsert's parameters once; <see cref="Bind"/> fills them for each paper.</summary>
    public static SqliteCommand PrepareUpsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert;
        foreach (var name in new[] { "$id", "$version", "$title", "$title_key", "$authors", "$author_count", "$abstract", "$categories", "$published", "$updated", "$listed", "$upvotes", "$comments", "$doi", "$sources", "$seq" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    public static void Bind(SqliteCommand upsert, Paper paper, string titleKey)
    {
        var p = upsert.Parameters;
        p[0].Value = paper.Id;
        p[1].Value = (object?)paper.Version ?? DBNull.Value;
        p[2].Value = paper.Title;
        p[3].Value = titleKey;
        p[4].Value = JsonSerializer.Serialize(paper.Authors.ToArray(), StoreJson.Default.StringArray);
        p[5].Value = (object?)paper.AuthorCount ?? DBNull.Value;
        p[6].Value = paper.Abstract;
        p[7].Value = string.Join(' ', paper.Categories);
        p[8].Value = DayText(paper.Published);
        p[9].Value = DayText(paper.Updated);
        p[10].Value = DayText(paper.Listed);
        p[11].Value = paper.Upvotes;
        p[12].Value = (object?)paper.Comments ?? DBNull.Value;
        p[13].Value = (object?)paper.Doi ?? DBNull.Value;
        p[14].Value = JsonSerializer.Serialize(new Dictionary<string, string>(paper.Sources), StoreJson.Default.DictionaryStringString);
        p[15].Value = paper.Sequence;
    }

    public static object DayText(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;

    private static DateOnly? ReadDay(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] SplitCategories(string text) => text.Length == 0 ? [] : text.Split(' ');
}
