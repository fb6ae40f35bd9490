namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 SESSION_SETUP response ([MS-SMB2] 2.2.6).</summary>
internal sealed record SessionSetupResponse(ushort SessionFlags, byte[] SecurityBuffer)
{
    public const ushort IsGuest = 0x0001;
    public const ushort IsNull = 0x0002;
    public const ushort EncryptData = 0x0004;

    public static SessionSetupResponse Parse(ReadOnlySpan<byte> message)
    {
        var r = new WireReader(message) { Position = Smb2Header.Size };
        r.ExpectStructureSize(9, "SESSION_SETUP response");
        var flags = r.ReadUInt16();
        var offset = r.ReadUInt16();
        var length = r.ReadUInt16();
        return new SessionSetupResponse(flags, length == 0 ? [] : r.Slice(offset, length, "SESSION_SETUP security buffer").ToArray());
    }
}
