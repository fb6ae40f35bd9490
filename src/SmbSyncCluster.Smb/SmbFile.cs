using System.Buffers;
using SmbSyncCluster.Smb.Connection;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb;

/// <summary>
/// An open file on a share. Ranged reads and writes larger than the server's maximum I/O size are split
/// into several READ/WRITE requests that are all in flight at once. Closing (dispose) sends CLOSE.
/// A file handle does not survive a reconnect: after a dropped connection its calls throw
/// <see cref="SmbConnectionException"/> and the caller reopens.
/// </summary>
public sealed class SmbFile : IAsyncDisposable
{
    private readonly TreeLink _link;
    private readonly FileId _fileId;
    private int _closed;

    internal SmbFile(TreeLink link, FileId fileId, string path, SmbEntry entry)
    {
        _link = link;
        _fileId = fileId;
        Path = path;
        Entry = entry;
    }

    /// <summary>True while the handle can be used: not closed, and the connection it was opened on still alive.</summary>
    public bool IsOpen => Volatile.Read(ref _closed) == 0 && _link.IsAlive;

    /// <summary>The share-relative path this handle was opened with.</summary>
    public string Path { get; }

    /// <summary>Size, times and attributes as the server reported them when the file was opened.</summary>
    public SmbEntry Entry { get; }

    /// <summary>The largest single READ the server accepts; reads are split at this size.</summary>
    public int MaxReadSize => _link.Connection.MaxReadSize;

    /// <summary>The largest single WRITE the server accepts; writes are split at this size.</summary>
    public int MaxWriteSize => _link.Connection.MaxWriteSize;

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; returns the count read (short at end of file).</summary>
    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var reads = new List<(Task<int> Read, int Length)>();
        for (var start = 0; start < buffer.Length;)
        {
            var (charge, bytes) = await ReserveReadAsync(buffer.Length - start, ct);
            reads.Add((ReadChunkAsync(offset + start, buffer.Slice(start, bytes), charge, ct), bytes));
            start += bytes;
        }
        var total = 0;
        var isShort = false;
        foreach (var (read, length) in reads)
        {
            var n = await read;
            if (!isShort)
            {
                total += n;
                isShort = n < length; // end of file: what later chunks read does not follow on
            }
        }
        return total;
    }

    private async Task<int> ReadChunkAsync(long offset, Memory<byte> destination, int charge, CancellationToken ct)
    {
        using var data = await ReadInPlaceAsync(offset, destination.Length, charge, ct);
        data.Span.CopyTo(destination.Span);
        return data.Length;
    }

    /// <summary>Takes credits for a READ of up to <paramref name="wanted"/> bytes: what one READ then reads, and its charge.</summary>
    internal Task<(int Charge, int Bytes)> ReserveReadAsync(int wanted, CancellationToken ct) =>
        _link.Connection.ReserveIoAsync(Math.Min(MaxReadSize, wanted), ct);

    /// <summary>One READ with credits from <see cref="ReserveReadAsync"/>; its data stays in the received frame.</summary>
    internal async Task<ReceivedData> ReadInPlaceAsync(long offset, int length, int charge, CancellationToken ct)
    {
        var response = (await _link.SendAsync(ct, charge, new ReadRequest(_fileId, offset, length)))[0];
        if (response.Status == NtStatus.EndOfFile)
        {
            response.Dispose();
            return ReceivedData.Empty;
        }
        response.EnsureSuccess($"read '{Path}' at {offset}");
        try
        {
            var (dataOffset, read) = ReadResponse.Locate(response.Span, length);
            return new ReceivedData(response, dataOffset, read);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/>.</summary>
    public async ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var writes = new List<Task>();
        for (var start = 0; start < data.Length;)
        {
            var (charge, bytes) = await _link.Connection.ReserveIoAsync(Math.Min(MaxWriteSize, data.Length - start), ct);
            writes.Add(WriteChunkAsync(offset + start, data.Slice(start, bytes), charge, ct));
            start += bytes;
        }
        await Task.WhenAll(writes);
    }

    private Task WriteChunkAsync(long offset, ReadOnlyMemory<byte> data, int charge, CancellationToken ct) =>
        SendWriteAsync(new WriteRequest(_fileId, offset, data), offset, data.Length, charge, ct);

    private async Task SendWriteAsync(WriteRequest request, long offset, int length, int charge, CancellationToken ct)
    {
        using var response = (await _link.SendAsync(ct, charge, request))[0].EnsureSuccess($"write '{Path}' at {offset}");
        var written = WriteResponse.ParseCount(response.Span);
        if (written != length)
        {
            throw new SmbProtocolException($"server wrote {written} of {length} bytes to '{Path}' at {offset}");
        }
    }

    /// <summary>
    /// Writes bytes <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> of a local
    /// file to the same offsets of this one, with up to <paramref name="window"/> WRITEs of the server's
    /// maximum size in flight, calling <paramref name="written"/> with each one's bytes as it completes. The
    /// source is read at those offsets; its position is not used. On a tree that sends in the clear the
    /// bytes go from the file to the socket without passing through this process (sendfile) when
    /// <paramref name="source"/> was opened with <see cref="FileOptions.Asynchronous"/>; otherwise, or when
    /// the tree signs or encrypts, they are read first. Throws <see cref="EndOfStreamException"/> when the
    /// source ends before the range does.
    /// </summary>
    public async Task WriteFromFileAsync(
        FileStream source, long start, long length, Action<int>? written = null, int window = 8, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        var end = start + length;
        if (RandomAccess.GetLength(source.SafeFileHandle) < end)
        {
            throw new EndOfStreamException($"'{source.Name}' is shorter than {end} bytes");
        }
        var inFlight = new Queue<Task<int>>();
        try
        {
            for (var offset = start; offset < end;)
            {
                if (inFlight.Count == window)
                {
                    await CompleteOldestAsync(inFlight, written);
                }
                var (charge, bytes) = await _link.Connection.ReserveIoAsync((int)Math.Min(MaxWriteSize, end - offset), ct);
                inFlight.Enqueue(WriteSegmentAsync(source, offset, bytes, charge, ct));
                offset += bytes;
            }
            while (inFlight.Count > 0)
            {
                await CompleteOldestAsync(inFlight, written);
            }
        }
        catch
        {
            // Nothing may still be reading the caller's file once this returns.
            await Task.WhenAll(inFlight).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
    }

    private static async Task CompleteOldestAsync(Queue<Task<int>> inFlight, Action<int>? written)
    {
        var bytes = await inFlight.Dequeue(); // not inside written?.Invoke(...): that skips its argument when null
        written?.Invoke(bytes);
    }

    private async Task<int> WriteSegmentAsync(FileStream source, long offset, int length, int charge, CancellationToken ct)
    {
        if (_link.SendsPlain && source.IsAsync)
        {
            await SendWriteAsync(new WriteRequest(_fileId, offset, new FileSegment(source, offset, length)), offset, length, charge, ct);
            return length;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            try
            {
                var read = 0;
                for (int n; read < length && (n = await RandomAccess.ReadAsync(source.SafeFileHandle, buffer.AsMemory(read, length - read), offset + read, ct)) > 0;)
                {
                    read += n;
                }
                if (read < length)
                {
                    throw new EndOfStreamException($"'{source.Name}' ended at byte {offset + read}, before {offset + length}");
                }
            }
            catch
            {
                _link.Connection.ReleaseReserved(charge); // the WRITE they were for is not sent
                throw;
            }
            await WriteChunkAsync(offset, buffer.AsMemory(0, length), charge, ct);
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Asks the server to commit written data to stable storage.</summary>
    public Task FlushAsync(CancellationToken ct = default) =>
        SendOnHandleAsync(HandleRequest.Flush(_fileId), $"flush '{Path}'", ct);

    /// <summary>Sets the end of file (truncates or extends).</summary>
    public Task SetLengthAsync(long length, CancellationToken ct = default) =>
        SendOnHandleAsync(SetInfoRequest.EndOfFile(_fileId, length), $"set length of '{Path}'", ct);

    /// <summary>Sets the last write time and, when given, the creation time.</summary>
    public Task SetTimesAsync(DateTime lastWriteUtc, DateTime? creationUtc = null, CancellationToken ct = default) =>
        SendOnHandleAsync(
            SetInfoRequest.BasicInformation(_fileId, creationUtc, lastWriteUtc),
            $"set times of '{Path}'", ct);

    /// <summary>
    /// A sequential stream over the file with read-ahead and write-behind of <paramref name="window"/>
    /// requests; with <paramref name="closeFile"/> disposing the stream also closes the file.
    /// </summary>
    public Stream AsStream(int window = 8, bool closeFile = false) => new SmbFileStream(this, window, closeFile);

    private async Task SendOnHandleAsync(Smb2Request request, string what, CancellationToken ct)
    {
        using var response = (await _link.SendAsync(ct, request))[0].EnsureSuccess(what);
    }

    /// <summary>Closes the handle (CLOSE); harmless after a lost connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1 || !_link.IsAlive)
        {
            return;
        }
        try
        {
            await SendOnHandleAsync(HandleRequest.Close(_fileId), $"close '{Path}'", CancellationToken.None);
        }
        catch (SmbConnectionException)
        {
            // the handle died with the connection
        }
    }
}
