using System.Buffers;

namespace Paperboy.Ingest;

/// <summary>Splits a byte stream into lines without decoding them, reusing one growing buffer.</summary>
/// <remarks>A line stays valid only until the next call to <see cref="TryReadLine"/>.</remarks>
internal sealed class Utf8LineReader(Stream stream) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The byte offset (in the decompressed input) where the line last returned starts.</summary>
    public long LineOffset { get; private set; }

    /// <summary>True when the last line returned had no closing newline (the input ended inside it).</summary>
    public bool LastLineUnterminated { get; private set; }

    private long _consumed;

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanFrom - _start + newline;
                line = Take(length, length + 1, terminated: true);
                return true;
            }

            scanFrom = _end;
            if (_eof)
            {
                if (_end == _start)
                {
                    line = default;
                    return false;
                }

                var length = _end - _start;
                line = Take(length, length, terminated: false);
                return true;
            }

            scanFrom -= Fill();
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private ReadOnlySpan<byte> Take(int length, int consumed, bool terminated)
    {
        var line = _buffer.AsSpan(_start, length);
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        LineNumber++;
        LineOffset = _consumed;
        LastLineUnterminated = !terminated;
        _consumed += consumed;
        _start += consumed;
        return line;
    }

    /// <summary>Reads more input, first moving the unread part to the front; returns how far it moved.</summary>
    private int Fill()
    {
        var shift = _start;
        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(_start, pending).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (shift > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }

        _start = 0;
        _end = pending;
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        return shift;
    }
}
