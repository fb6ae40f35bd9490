namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// The 4-byte request bodies that carry nothing but StructureSize and Reserved: LOGOFF (2.2.7),
/// TREE_DISCONNECT (2.2.11) and ECHO (2.2.28) in [MS-SMB2].
/// </summary>
internal sealed class EmptyRequest(Smb2Command command) : Smb2Request
{
    public override Smb2Command Command => command;

    public override int BodySize => 4;

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(4);
        w.WriteUInt16(0);
    }
}
