namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>
/// A read-only view of a network stream that fails with an <see cref="IOException"/> when no byte arrives for
/// <paramref name="idle"/>. The node writes a keep-alive comment into its event stream every 15 s, so a longer
/// silence is a connection that died without closing (a node lost mid-stream, a proxy that dropped it).
/// </summary>
/// <param name="inner">The stream read.</param>
/// <param name="idle">The longest silence taken as alive.</param>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan idle) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(idle);
        try
        {
            return await inner.ReadAsync(buffer, silence.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"nothing arrived for {idle.TotalSeconds:0} s");
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
