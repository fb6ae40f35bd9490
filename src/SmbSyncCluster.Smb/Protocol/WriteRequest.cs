namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 WRITE request ([MS-SMB2] 2.2.21); the data follows the fixed part.</summary>
internal sealed class WriteRequest(FileId fileId, long offset, ReadOnlyMemory<byte> data) : Smb2Request
{
    private const int FixedSize = 48;

    public override Smb2Command Command => Smb2Command.Write;

    public override int BodySize => FixedSize + Math.Max(1, data.Length);

    public override int PayloadSize => data.Length;

    public override ReadOnlyMemory<byte> Payload => data;

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(49);
        w.WriteUInt16(Smb2Header.Size + FixedSize);
        w.WriteUInt32((uint)data.Length);
        w.WriteUInt64((ulong)offset);
        fileId.Write(ref w);
        w.WriteUInt32(0); // Channel
        w.WriteUInt32(0); // RemainingBytes
        w.WriteUInt16(0); // WriteChannelInfoOffset
        w.WriteUInt16(0); // WriteChannelInfoLength
        w.WriteUInt32(0); // Flags: no write-through; FLUSH is explicit
        if (data.IsEmpty)
        {
            w.WriteByte(0); // the Buffer holds at least one byte
        }
    }
}
