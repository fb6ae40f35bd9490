namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// SMB2 IOCTL request ([MS-SMB2] 2.2.31) carrying FSCTL_VALIDATE_NEGOTIATE_INFO (2.2.31.4): what the
/// client offered in NEGOTIATE, sent again signed so that the server can confirm what it answered.
/// </summary>
internal sealed class ValidateNegotiateRequest(uint capabilities, Guid clientGuid, ushort securityMode, IReadOnlyList<Smb2Dialect> dialects)
    : Smb2Request
{
    public const uint FsctlValidateNegotiateInfo = 0x00140204;
    private const int FixedSize = 56;
    private const uint IsFsctl = 0x00000001;

    private int InputSize => 24 + (2 * dialects.Count);

    public override Smb2Command Command => Smb2Command.Ioctl;

    public override int BodySize => FixedSize + InputSize;

    public override int PayloadSize => Math.Max(InputSize, ValidateNegotiateResponse.Size);

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(57);
        w.WriteUInt16(0);
        w.WriteUInt32(FsctlValidateNegotiateInfo);
        new FileId(ulong.MaxValue, ulong.MaxValue).Write(ref w);
        w.WriteUInt32(Smb2Header.Size + FixedSize); // InputOffset
        w.WriteUInt32((uint)InputSize);
        w.WriteUInt32(0); // MaxInputResponse
        w.WriteUInt32(0); // OutputOffset
        w.WriteUInt32(0); // OutputCount
        w.WriteUInt32(ValidateNegotiateResponse.Size); // MaxOutputResponse
        w.WriteUInt32(IsFsctl);
        w.WriteUInt32(0);
        w.WriteUInt32(capabilities);
        w.WriteGuid(clientGuid);
        w.WriteUInt16(securityMode);
        w.WriteUInt16((ushort)dialects.Count);
        foreach (var dialect in dialects)
        {
            w.WriteUInt16((ushort)dialect);
        }
    }
}
