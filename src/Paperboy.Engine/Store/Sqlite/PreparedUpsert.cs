using System.Buffers;
using System.Globalization;
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
    private readonly Dictionary<string, string> _lastSources = new(StringComparer.Ordinal);
    private byte[] _lastSourcesJson = [];
    private byte[] _text = new byte[16384];

    public PreparedUpsert(SqliteConnection connection)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, SqlitePaperRows.Upsert, out _statement));
        _jsonWriter = new Utf8JsonWriter(_json);
    }

    /// <summary>Writes <paramref name="paper"/> with change sequence <paramref name="sequence"/> (its own <see cref="Paper.Sequence"/> is ignored).</summary>
    public void Execute(Paper paper, string titleKey, long sequence)
    {
        Text(1, paper.Id);
        Integer(2, paper.Version);
        Text(3, paper.Title);
        Text(4, titleKey);
        if (paper.Authors is string[] names)
        {
            Json(5, names, StoreJson.Default.StringArray);
        }
        else
        {
            Json(5, paper.Authors, StoreJson.Default.IReadOnlyListString);
        }

        Integer(6, paper.AuthorCount);
        Text(7, paper.Abstract);
        Categories(8, paper.Categories);
        Day(9, paper.Published);
        Day(10, paper.Updated);
        Day(11, paper.Listed);
        Integer(12, paper.Upvotes);
        Text(13, paper.Comments);
        Text(14, paper.Doi);
        Sources(15, paper.Sources);
        Integer(16, sequence);
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

    /// <summary>The categories space-separated, as <see cref="SqlitePaperRows"/> reads them back.</summary>
    private void Categories(int index, IReadOnlyList<string> categories)
    {
        var length = 0;
        for (var i = 0; i < categories.Count; i++)
        {
            var category = categories[i];
            var needed = length + 1 + Encoding.UTF8.GetMaxByteCount(category.Length);
            if (_text.Length < needed)
            {
                Array.Resize(ref _text, Math.Max(needed, 2 * _text.Length));
            }

            if (i > 0)
            {
                _text[length++] = (byte)' ';
            }

            length += Encoding.UTF8.GetBytes(category, _text.AsSpan(length));
        }

        Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length)));
    }

    private void Day(int index, DateOnly? day)
    {
        if (day is not { } value)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        Span<byte> text = stackalloc byte[16];
        value.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text(_statement, index, text[..length]));
    }

    /// <summary>Binds the field provenance, reusing the last encoding when it is the same (new papers from one source mostly share it).</summary>
    private void Sources(int index, IReadOnlyDictionary<string, string> sources)
    {
        if (!SameSources(sources))
        {
            _lastSources.Clear();
            foreach (var (field, source) in sources)
            {
                _lastSources[field] = source;
            }

            _json.ResetWrittenCount();
            _jsonWriter.Reset();
            JsonSerializer.Serialize(_jsonWriter, sources, StoreJson.Default.IReadOnlyDictionaryStringString);
            _lastSourcesJson = _json.WrittenSpan.ToArray();
        }

        Check(raw.sqlite3_bind_text(_statement, index, _lastSourcesJson));
    }

    private bool SameSources(IReadOnlyDictionary<string, string> sources)
    {
        if (sources.Count != _lastSources.Count || sources is not Dictionary<string, string> dictionary)
        {
            return false;
        }

        foreach (var (field, source) in dictionary)
        {
            if (!_lastSources.TryGetValue(field, out var last) || last != source)
            {
                return false;
            }
        }

        return true;
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
