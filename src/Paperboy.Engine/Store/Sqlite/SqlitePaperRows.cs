using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Paperboy.Papers;

namespace Paperboy.Store.Sqlite;

/// <summary>Maps papers to and from rows of the <c>papers</c> table.</summary>
internal static class SqlitePaperRows
{
    public const string Columns = "id, version, title, authors, author_count, abstract, categories, published, updated, listed, upvotes, comments, doi, sources, seq, site_upvotes";

    /// <summary>How many columns <see cref="Read"/> reads; a query may add its own after them.</summary>
    public const int ColumnCount = 16;

    /// <summary><see cref="Columns"/> qualified by a table alias, for joins.</summary>
    public static string PrefixedColumns(string alias) => string.Join(", ", Columns.Split(", ").Select(c => $"{alias}.{c}"));

    public const string Upsert = """
        INSERT INTO papers (id, version, title, title_key, authors, author_count, abstract, categories, published, updated, listed, upvotes, comments, doi, sources, seq, site_upvotes)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
        ON CONFLICT (id) DO UPDATE SET
            version = excluded.version, title = excluded.title, title_key = excluded.title_key, authors = excluded.authors,
            author_count = excluded.author_count, abstract = excluded.abstract, categories = excluded.categories,
            published = excluded.published, updated = excluded.updated, listed = excluded.listed, upvotes = excluded.upvotes,
            comments = excluded.comments, doi = excluded.doi, sources = excluded.sources, seq = excluded.seq,
            site_upvotes = excluded.site_upvotes;
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
        SiteUpvotes = reader.GetInt32(15),
    };

    public static object DayText(DateOnly? day) => (object?)DayOrNull(day) ?? DBNull.Value;

    public static string? DayOrNull(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ReadDay(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] SplitCategories(string text) => text.Length == 0 ? [] : text.Split(' ');
}
