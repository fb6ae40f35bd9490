namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 WRITE response ([MS-SMB2] 2.2.22).</summary>
internal static class WriteResponse
{
    public static int ParseCount(ReadOnlySpan<byte> message)
    {
        var r = new WireReader(message) { Position = Smb2Header.Size };
        r.ExpectStructureSize(17, "WRITE response");
        r.Skip(2);
        return (int)Math.Min(r.ReadUInt32(), int.MaxValue);
    }
}
