namespace Paperboy.Tests.Ingest.HuggingFace;

/// <summary>A read-only stream that hands out at most a few bytes per read, so readers meet every buffer boundary.</summary>
internal sealed class TrickleStream(byte[] content, int bytesPerRead) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => content.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, bytesPerRead), content.Length - _position);
        Array.Copy(content, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
