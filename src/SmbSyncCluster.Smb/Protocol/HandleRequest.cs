namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// The two 24-byte requests that name only a handle: CLOSE (2.2.15, Flags zero: no post-query, the
/// CREATE response already carried the metadata) and FLUSH (2.2.17) in [MS-SMB2].
/// </summary>
internal sealed class HandleRequest(Smb2Command command, FileId fileId) : Smb2Request
{
    public static HandleRequest Close(FileId fileId) => new(Smb2Command.Close, fileId);

    public static HandleRequest Flush(FileId fileId) => new(Smb2Command.Flush, fileId);

    public override Smb2Command Command => command;

    public override int BodySize => 24;

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(24);
        w.WriteUInt16(0);
        w.WriteUInt32(0);
        fileId.Write(ref w);
    }
}
