namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 TREE_CONNECT request ([MS-SMB2] 2.2.9); the path is \\server\share.</summary>
internal sealed class TreeConnectRequest(string path) : Smb2Request
{
    private const int FixedSize = 8;

    public override Smb2Command Command => Smb2Command.TreeConnect;

    public override int BodySize => FixedSize + WireWriter.Utf16Length(path);

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(9);
        w.WriteUInt16(0);
        w.WriteUInt16(Smb2Header.Size + FixedSize);
        w.WriteUInt16((ushort)WireWriter.Utf16Length(path));
        w.WriteUtf16(path);
    }
}
