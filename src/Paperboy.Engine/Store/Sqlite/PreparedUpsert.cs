using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Paperboy.Papers;
using SQLitePCL;

namespace Paperboy.Store.Sqlite;

/// <summary>The paper upsert as one statement prepared on the raw SQLite handle and reused for a whole batch.</summary>
/// <remarks>
/// The import profile showed Microsoft.Data.Sqlite's per-execution parameter binding costing more than SQLite's own
/// insert; binding directly keeps the merging thread, the import's bottleneck, on SQLite's work. Text and JSON are
/// encoded into reused buffers (SQLite copies bound values), so a row costs no managed allocations.
/// </remarks>
internal sealed class PreparedUpsert : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly ArrayBufferWriter<byte> _json = new(4096);
    private readonly Utf8JsonWriter _jsonWriter;
    private byte[] _text = new byte[16384];

    public PreparedUpsert(SqliteConnection connection)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, SqlitePaperRows.Upsert, out _statement));
        _jsonWriter = new Utf8JsonWriter(_json);
    }

    public void Execute(Paper paper, string titleKey)
    {
        Text(1, paper.Id);
        Integer(2, paper.Version);
        Text(3, paper.Title);
        Text(4, titleKey);
        Json(5, paper.Authors, StoreJson.Default.IReadOnlyListString);
        Integer(6, paper.AuthorCount);
        Text(7, paper.Abstract);
        Text(8, string.Join(' ', paper.Categories));
        Text(9, SqlitePaperRows.DayOrNull(paper.Published));
        Text(10, SqlitePaperRows.DayOrNull(paper.Updated));
        Text(11, SqlitePaperRows.DayOrNull(paper.Listed));
        Integer(12, paper.Upvotes);
        Text(13, paper.Comments);
        Text(14, paper.Doi);
        Json(15, paper.Sources, StoreJson.Default.IReadOnlyDictionaryStringString);
        Integer(16, paper.Sequence);
        Integer(17, paper.SiteUpvotes);
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    public void Dispose()
    {
        _jsonWriter.Dispose();
        _statement.Dispose();
    }

    private void Text(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        if (_text.Length < Encoding.UTF8.GetMaxByteCount(value.Length))
        {
            _text = new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        }

        var length = Encoding.UTF8.GetBytes(value, _text);
        Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length)));
    }

    private void Json<T>(int index, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        _json.ResetWrittenCount();
        _jsonWriter.Reset();
        JsonSerializer.Serialize(_jsonWriter, value, type);
        Check(raw.sqlite3_bind_text(_statement, index, _json.WrittenSpan));
    }

    private void Integer(int index, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException($"SQLite error {result}: {raw.sqlite3_errmsg(_database).utf8_to_string()}", result);
        }
    }
}
