namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 TREE_CONNECT response ([MS-SMB2] 2.2.10).</summary>
internal sealed record TreeConnectResponse(byte ShareType, uint ShareFlags, uint Capabilities, uint MaximalAccess)
{
    public const uint ShareFlagEncryptData = 0x00008000;

    public bool EncryptData => (ShareFlags & ShareFlagEncryptData) != 0;

    public static TreeConnectResponse Parse(ReadOnlySpan<byte> message)
    {
        var r = new WireReader(message) { Position = Smb2Header.Size };
        r.ExpectStructureSize(16, "TREE_CONNECT response");
        var type = r.ReadByte();
        r.Skip(1);
        return new TreeConnectResponse(type, r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32());
    }
}
