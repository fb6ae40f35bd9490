namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 SESSION_SETUP request ([MS-SMB2] 2.2.5).</summary>
internal sealed class SessionSetupRequest(byte securityMode, byte[] securityBuffer) : Smb2Request
{
    private const int FixedSize = 24;

    public override Smb2Command Command => Smb2Command.SessionSetup;

    public override int BodySize => FixedSize + Math.Max(1, securityBuffer.Length);

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(25);
        w.WriteByte(0); // Flags: no binding
        w.WriteByte(securityMode);
        w.WriteUInt32(0); // Capabilities: DFS not used
        w.WriteUInt32(0); // Channel
        w.WriteUInt16(Smb2Header.Size + FixedSize);
        w.WriteUInt16((ushort)securityBuffer.Length);
        w.WriteUInt64(0); // PreviousSessionId
        w.WriteBytes(securityBuffer);
    }
}
