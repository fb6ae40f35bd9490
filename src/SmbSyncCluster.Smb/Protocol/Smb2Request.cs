namespace SmbSyncCluster.Smb.Protocol;

/// <summary>The body of an SMB2 request: what follows the 64-byte header.</summary>
internal abstract class Smb2Request
{
    public abstract Smb2Command Command { get; }

    /// <summary>Size of the body in bytes, variable part included.</summary>
    public abstract int BodySize { get; }

    /// <summary>
    /// Writes the body but for its <see cref="Payload"/>; <paramref name="body"/> starts at header offset
    /// 64, which offsets in the body count from, and ends where the payload begins.
    /// </summary>
    public abstract void WriteBody(Span<byte> body);

    /// <summary>
    /// Bulk data that ends the body (WRITE data). The connection places it: copied after the body when
    /// the message is signed, encrypted or compounded, sent straight from the caller's memory otherwise.
    /// </summary>
    public virtual ReadOnlyMemory<byte> Payload => ReadOnlyMemory<byte>.Empty;

    /// <summary>
    /// Bulk data that ends the body, taken from a local file instead of <see cref="Payload"/>; such a
    /// request goes out only alone and in the clear, where the connection can send the file range as it is.
    /// </summary>
    public virtual FileSegment? PayloadFile => null;

    /// <summary>Largest of the bytes sent and the bytes asked for, which sets the credit charge ([MS-SMB2] 3.2.4.1.5).</summary>
    public virtual int PayloadSize => 0;
}
