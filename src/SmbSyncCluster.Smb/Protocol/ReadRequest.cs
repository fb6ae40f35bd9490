namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 READ request ([MS-SMB2] 2.2.19).</summary>
internal sealed class ReadRequest(FileId fileId, long offset, int length) : Smb2Request
{
    private const int FixedSize = 48;

    public override Smb2Command Command => Smb2Command.Read;

    public override int BodySize => FixedSize + 1;

    public override int PayloadSize => length;

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(49);
        w.WriteByte(0x50); // Padding: where the server puts the data, right after a 16-byte response body
        w.WriteByte(0); // Flags
        w.WriteUInt32((uint)length);
        w.WriteUInt64((ulong)offset);
        fileId.Write(ref w);
        w.WriteUInt32(0); // MinimumCount
        w.WriteUInt32(0); // Channel
        w.WriteUInt32(0); // RemainingBytes
        w.WriteUInt16(0); // ReadChannelInfoOffset
        w.WriteUInt16(0); // ReadChannelInfoLength
        w.WriteByte(0);
    }
}
