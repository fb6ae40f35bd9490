namespace SmbSyncCluster.Testing;

/// <summary>
/// Zeros, as many as <paramref name="length"/>, counting what is read: a server that does not stop where
/// the file ends. Reading it to the end is what a defence must not do.
/// </summary>
public sealed class EndlessStream(long length) : Stream
{
    public long BytesRead { get; private set; }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - BytesRead);
        Array.Clear(buffer, offset, n);
        BytesRead += n;
        return n;
    }
}
