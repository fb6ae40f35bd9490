using System.Buffers;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>One received SMB2 message, header first. Owns its buffer (possibly pooled) until disposed.</summary>
internal sealed class Smb2Message : IDisposable
{
    private byte[]? _buffer;
    private readonly bool _pooled;

    public Smb2Message(Smb2Header header, byte[] buffer, int offset, int length, bool pooled)
    {
        Header = header;
        _buffer = buffer;
        Offset = offset;
        Length = length;
        _pooled = pooled;
    }

    public Smb2Header Header { get; }
    public int Offset { get; }
    public int Length { get; }

    public NtStatus Status => Header.Status;

    public ReadOnlySpan<byte> Span => MutableSpan;

    /// <summary>The message bytes for in-place work such as signature checks.</summary>
    public Span<byte> MutableSpan => (_buffer ?? throw new ObjectDisposedException(nameof(Smb2Message))).AsSpan(Offset, Length);

    /// <summary>Throws the typed exception for the status unless it is success (or one of <paramref name="alsoOk"/>).</summary>
    public Smb2Message EnsureSuccess(string what, params NtStatus[] alsoOk)
    {
        if (Status != NtStatus.Success && Array.IndexOf(alsoOk, Status) < 0)
        {
            var status = Status;
            Dispose();
            throw SmbStatusException.From(status, what);
        }
        return this;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && _pooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
