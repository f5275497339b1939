using System.Text.Json;

namespace Paperboy.Ingest;

/// <summary>One top-level item of a JSON array or JSON Lines input, with where it started.</summary>
internal sealed record JsonItem(JsonDocument Document, int Index, long ByteOffset, long Line) : IDisposable
{
    public void Dispose() => Document.Dispose();
}

/// <summary>Splits a JSON array of items, or JSON Lines (one value per line), into items, holding one item in memory at a time.</summary>
/// <remarks>
/// <see cref="Utf8JsonReader"/> works on a buffer that is refilled from the stream; an item is parsed only once all its bytes are
/// buffered, so memory grows with the largest item, never with the input. Several top-level arrays in a row are read as one list.
/// </remarks>
internal sealed class JsonItemScanner(Stream input, string name)
{
    private static readonly JsonReaderOptions _options = new() { AllowMultipleValues = true };

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfInput;
    private bool _bomChecked;
    private JsonReaderState _state = new(_options);
    private int _itemCount;

    // Newlines are counted up to _countedTo, so an item's line is known without keeping the bytes before it.
    private long _countedTo;
    private long _newlines;
    private long _lineStart;
    private bool _sawToken;

    /// <summary>The next item, or null at the end of the input.</summary>
    /// <exception cref="InputException">The input is not well-formed JSON, or is neither an array nor a sequence of objects.</exception>
    public JsonItem? Next()
    {
        while (true)
        {
            var (found, item) = Scan();
            if (found)
            {
                return item;
            }

            if (_endOfInput)
            {
                return null;
            }

            Refill();
        }
    }

    private (bool Found, JsonItem? Item) Scan()
    {
        if (_endOfInput && !_sawToken && _buffer.AsSpan(_start, _end - _start).Trim(" \t\r\n"u8).IsEmpty)
        {
            // An empty file is an empty list of JSON Lines, not an error.
            return (false, null);
        }

        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _endOfInput, _state);
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                var consumedBefore = reader.BytesConsumed;
                if (!reader.Read())
                {
                    Commit((int)reader.BytesConsumed, reader.CurrentState);
                    return (false, null);
                }

                _sawToken = true;
                if (reader.CurrentDepth == 0 && reader.TokenType is JsonTokenType.StartArray or JsonTokenType.EndArray)
                {
                    continue;
                }

                if (reader.CurrentDepth == 0 && reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new InputException(LineOrigin(_start + reader.TokenStartIndex),
                        $"expected a JSON array of objects or one object per line, found a top-level {Describe(reader.TokenType)}");
                }

                var tokenStart = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    Commit((int)consumedBefore, before);
                    return (false, null);
                }

                var item = Slice(_start + tokenStart, _start + (int)reader.BytesConsumed);
                Commit((int)reader.BytesConsumed, reader.CurrentState);
                return (true, item);
            }
        }
        catch (JsonException error)
        {
            throw Malformed(error);
        }
    }

    private JsonItem Slice(int from, int to)
    {
        var offset = _bufferOffset + from;
        CountNewlinesTo(offset);
        var bytes = _buffer.AsMemory(from, to - from).ToArray();
        try
        {
            return new JsonItem(JsonDocument.Parse(bytes), ++_itemCount, offset, _newlines + 1);
        }
        catch (JsonException error)
        {
            throw Malformed(error);
        }
    }

    private void Commit(int consumed, JsonReaderState state)
    {
        _start += consumed;
        _state = state;
    }

    private void Refill()
    {
        CountNewlinesTo(_bufferOffset + _start);
        var pending = _end - _start;
        if (_start == 0 && _end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _bufferOffset += _start;
            _start = 0;
            _end = pending;
        }

        var read = input.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _endOfInput = read == 0;
        SkipByteOrderMark();
    }

    private void SkipByteOrderMark()
    {
        if (_bomChecked || (_end < 3 && !_endOfInput))
        {
            return;
        }

        _bomChecked = true;
        if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF && _bufferOffset == 0)
        {
            _start = 3;
            _countedTo = 3;
            _lineStart = 3;
        }
    }

    private void CountNewlinesTo(long offset)
    {
        var from = (int)(_countedTo - _bufferOffset);
        var to = (int)(offset - _bufferOffset);
        if (to <= from)
        {
            return;
        }

        var span = _buffer.AsSpan(from, to - from);
        _newlines += span.Count((byte)'\n');
        var last = span.LastIndexOf((byte)'\n');
        if (last >= 0)
        {
            _lineStart = _bufferOffset + from + last + 1;
        }

        _countedTo = offset;
    }

    private string LineOrigin(long bufferIndex)
    {
        CountNewlinesTo(_bufferOffset + bufferIndex);
        return $"{name}:{_newlines + 1}";
    }

    private InputException Malformed(JsonException error)
    {
        // The reader counts lines and columns from 0; people count from 1.
        var line = (error.LineNumber ?? _newlines) + 1;
        var column = (error.BytePositionInLine ?? 0) + 1;
        var offset = LineStartOffset(line) + column - 1;
        var reason = error.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        return new InputException($"{name}:{line}", $"malformed JSON at line {line}, byte {column} of the line (byte offset {offset}): {reason}", error);
    }

    /// <summary>The byte offset where 1-based <paramref name="line"/> starts; the line is at or after what has been counted.</summary>
    private long LineStartOffset(long line)
    {
        var newlines = _newlines;
        var lineStart = _lineStart;
        var index = (int)(_countedTo - _bufferOffset);
        while (newlines + 1 < line && index < _end)
        {
            if (_buffer[index++] == (byte)'\n')
            {
                newlines++;
                lineStart = _bufferOffset + index;
            }
        }

        return lineStart;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
