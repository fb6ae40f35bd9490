using System.Buffers;
using SmbSyncCluster.Smb.Connection;

namespace SmbSyncCluster.Smb;

/// <summary>
/// Sequential <see cref="Stream"/> over an <see cref="SmbFile"/>. Reading keeps <c>window</c> READs of the
/// server's maximum size in flight ahead of the reader and copies from their received frames; writing
/// gathers data into chunks of the maximum WRITE size and keeps up to <c>window</c> of them in flight.
/// Errors of a background write surface on the next write, flush or dispose.
/// </summary>
internal sealed class SmbFileStream(SmbFile file, int window, bool closeFile) : Stream
{
    private readonly Queue<(Task<ReceivedData> Read, int Requested)> _readAhead = new();
    private readonly Queue<(Task Write, byte[] Buffer)> _writeBehind = new();
    private long _position;
    private long _nextReadOffset;
    private bool _eof;
    private ReceivedData? _current;
    private int _currentOffset;
    private byte[]? _pending;
    private int _pendingLength;
    private long _pendingOffset;
    private bool _disposed;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_current is null || _currentOffset == _current.Length)
        {
            ReturnCurrent();
            while (!_eof && _readAhead.Count < window)
            {
                // One READ each, as large as the credits allow; the reader copies straight out of its frame.
                var (charge, bytes) = await file.ReserveReadAsync(file.MaxReadSize, cancellationToken);
                _readAhead.Enqueue((file.ReadInPlaceAsync(_nextReadOffset, bytes, charge, cancellationToken), bytes));
                _nextReadOffset += bytes;
            }
            if (_readAhead.Count == 0)
            {
                return 0;
            }
            var (read, requested) = _readAhead.Dequeue();
            _current = await read;
            _currentOffset = 0;
            if (_current.Length < requested)
            {
                _eof = true;
            }
            if (_current.Length == 0)
            {
                return 0;
            }
        }
        var n = Math.Min(buffer.Length, _current.Length - _currentOffset);
        _current.Span.Slice(_currentOffset, n).CopyTo(buffer.Span);
        _currentOffset += n;
        _position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            if (_pending is null)
            {
                _pending = ArrayPool<byte>.Shared.Rent(file.MaxWriteSize);
                _pendingLength = 0;
                _pendingOffset = _position;
            }
            var n = Math.Min(buffer.Length, file.MaxWriteSize - _pendingLength);
            buffer[..n].CopyTo(_pending.AsMemory(_pendingLength));
            _pendingLength += n;
            _position += n;
            buffer = buffer[n..];
            if (_pendingLength == file.MaxWriteSize)
            {
                await DispatchPendingAsync(cancellationToken);
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    private async Task DispatchPendingAsync(CancellationToken ct)
    {
        if (_pending is null)
        {
            return;
        }
        while (_writeBehind.Count >= window)
        {
            await CompleteOldestWriteAsync();
        }
        _writeBehind.Enqueue((file.WriteAsync(_pendingOffset, _pending.AsMemory(0, _pendingLength), ct).AsTask(), _pending));
        _pending = null;
    }

    private async Task CompleteOldestWriteAsync()
    {
        var (write, buf) = _writeBehind.Dequeue();
        try
        {
            await write;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DispatchPendingAsync(cancellationToken);
        while (_writeBehind.Count > 0)
        {
            await CompleteOldestWriteAsync();
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        finally
        {
            await DrainReadAheadAsync();
            ReturnCurrent();
            if (closeFile)
            {
                await file.DisposeAsync();
            }
        }
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
    }

    private async Task DrainReadAheadAsync()
    {
        while (_readAhead.Count > 0)
        {
            var (read, _) = _readAhead.Dequeue();
            try
            {
                (await read).Dispose();
            }
            catch (Exception e) when (e is Errors.SmbException or OperationCanceledException)
            {
                // the reader stopped early; a read it never consumed may fail harmlessly
            }
        }
    }

    private void ReturnCurrent()
    {
        _current?.Dispose();
        _current = null;
    }
}
